package io.trailaudit.policy;

import java.util.List;
import java.util.stream.IntStream;

/** A parsed IAM policy document (identity, resource, key or trust policy). */
public record PolicyDocument(String version, String id, List<Statement> statements) {
  public PolicyDocument {
    statements = List.copyOf(statements);
  }

  /**
   * Parses a policy document.
   *
   * @throws PolicyParseException naming the path (and for bad JSON the line and column)
   */
  public static PolicyDocument parse(String json) {
    return PolicyParser.parse(json);
  }

  /** The statements with their indexes, for reporting. */
  public List<StatementRef> statementRefs() {
    return IntStream.range(0, statements.size())
        .mapToObj(i -> new StatementRef(i, statements.get(i)))
        .toList();
  }
}
