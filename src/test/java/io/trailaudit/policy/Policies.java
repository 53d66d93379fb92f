package io.trailaudit.policy;

/** Policy statements as AWS documents them, for the question tests. */
final class Policies {
  static final String BUCKET = "trail-logs";

  /** CloudTrail user guide bucket policy, first statement. */
  static final String ACL_CHECK =
      """
      {
        "Sid": "AWSCloudTrailAclCheck20150319",
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "s3:GetBucketAcl",
        "Resource": "arn:aws:s3:::trail-logs",
        "Condition": {
          "StringEquals": {
            "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail"
          }
        }
      }
      """;

  /** CloudTrail user guide bucket policy, second statement. */
  static final String WRITE =
      """
      {
        "Sid": "AWSCloudTrailWrite20150319",
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::trail-logs/AWSLogs/111111111111/*",
        "Condition": {
          "StringEquals": {
            "s3:x-amz-acl": "bucket-owner-full-control",
            "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail"
          }
        }
      }
      """;

  /** The S3 user guide's "AllowSSLRequestsOnly" statement. */
  static final String TLS_ONLY =
      """
      {
        "Sid": "AllowSSLRequestsOnly",
        "Action": "s3:*",
        "Effect": "Deny",
        "Resource": ["arn:aws:s3:::trail-logs", "arn:aws:s3:::trail-logs/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        "Principal": "*"
      }
      """;

  static final String PUBLIC_READ =
      """
      {
        "Sid": "PublicRead",
        "Effect": "Allow",
        "Principal": "*",
        "Action": ["s3:GetObject", "s3:GetObjectVersion"],
        "Resource": "arn:aws:s3:::trail-logs/*"
      }
      """;

  static final String KEY_ADMIN =
      """
      {
        "Sid": "Enable IAM User Permissions",
        "Effect": "Allow",
        "Principal": {"AWS": ["arn:aws:iam::111111111111:root"]},
        "Action": "kms:*",
        "Resource": "*"
      }
      """;

  /** "Allow CloudTrail to encrypt logs" as the CloudTrail user guide shows it today. */
  static final String KEY_CLOUDTRAIL_ENCRYPT =
      """
      {
        "Sid": "Allow CloudTrail to encrypt logs",
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "kms:GenerateDataKey*",
        "Resource": "*",
        "Condition": {
          "StringEquals": {
            "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail"
          },
          "StringLike": {
            "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*"
          }
        }
      }
      """;

  static final String KEY_CLOUDTRAIL_DESCRIBE =
      """
      {
        "Sid": "Allow CloudTrail to describe key",
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "kms:DescribeKey",
        "Resource": "*"
      }
      """;

  static final String KEY_DECRYPT =
      """
      {
        "Sid": "Enable CloudTrail log decrypt permissions",
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Action": ["kms:Decrypt", "kms:ReEncryptFrom"],
        "Resource": "*",
        "Condition": {
          "StringEquals": {"kms:CallerAccount": "111111111111"},
          "StringLike": {
            "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*"
          }
        }
      }
      """;

  static final String KEY_ALIAS =
      """
      {
        "Sid": "Allow alias creation during setup",
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Action": "kms:CreateAlias",
        "Resource": "*",
        "Condition": {
          "StringEquals": {
            "kms:ViaService": "ec2.us-east-1.amazonaws.com",
            "kms:CallerAccount": "111111111111"
          }
        }
      }
      """;

  static final String PUBLIC_DECRYPT =
      """
      {
        "Sid": "OpenDecrypt",
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Action": ["kms:Decrypt", "kms:DescribeKey"],
        "Resource": "*"
      }
      """;

  private Policies() {}

  static PolicyDocument document(String... statements) {
    return PolicyDocument.parse(
        "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(",", statements) + "]}");
  }

  static PolicyDocument cloudTrailBucketPolicy(String... extra) {
    String[] all = new String[extra.length + 2];
    all[0] = ACL_CHECK;
    all[1] = WRITE;
    System.arraycopy(extra, 0, all, 2, extra.length);
    return document(all);
  }

  /** The CloudTrail console's default key policy for trails, plus {@code extra} statements. */
  static PolicyDocument cloudTrailKeyPolicy(String... extra) {
    String[] base = {
      KEY_ADMIN, KEY_CLOUDTRAIL_ENCRYPT, KEY_CLOUDTRAIL_DESCRIBE, KEY_DECRYPT, KEY_ALIAS
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return document(all);
  }
}
