/**
 * One selector evaluator for classic and advanced CloudTrail event selectors: "which events does
 * this trail log?" answered by meaning, never by a selector's name or first field.
 *
 * <p>Semantics, from the AWS CloudTrail User Guide and API Reference:
 *
 * <ul>
 *   <li>A trail logs an event if the event matches <em>any</em> of its selectors
 *       (PutEventSelectors).
 *   <li>Within an advanced selector every field selector must match (AND).
 *   <li>Within one field selector ("How CloudTrail evaluates multiple conditions for a field",
 *       filtering-data-events): the SELECT operators Equals, StartsWith and EndsWith are OR'd
 *       together, across operators too; the DESELECT operators NotEquals, NotStartsWith and
 *       NotEndsWith are AND'd (any one met drops the event); the two groups are AND'd.
 *   <li>Classic {@code DataResources} values are ARN prefixes for S3 ({@code arn:aws:s3} = all
 *       buckets, {@code arn:aws:s3:::bucket/} = one bucket); Lambda function ARNs are exact, {@code
 *       arn:aws:lambda} = all functions; likewise {@code arn:aws:dynamodb}. {@code ReadWriteType}
 *       applies to management and data events alike.
 * </ul>
 *
 * <p>Answers are sound: a question is FULL only when every event it asks about is provably matched
 * by the union of selectors. Anything the evaluator cannot prove is PARTIAL with the reason.
 */
package io.trailaudit.selectors;
