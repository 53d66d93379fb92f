package io.trailaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.beans.Introspector;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReadOperationsTest {
  private static final Set<String> NAMED_EXCEPTIONS = Set.of("sts:AssumeRole");

  @Test
  void everyAllowedOperationReads() {
    ReadOperations.get()
        .operations()
        .forEach(
            (service, ops) ->
                ops.forEach(
                    op ->
                        assertThat(
                                op.matches("(Describe|Get|List|Lookup|Head).*")
                                    || NAMED_EXCEPTIONS.contains(service + ":" + op))
                            .as(service + ":" + op)
                            .isTrue()));
  }

  /** A typo in the list would refuse a read the tool needs: every name is a real SDK operation. */
  @Test
  void everyAllowedOperationExistsOnItsClient() throws Exception {
    for (Field f : AwsService.class.getFields()) {
      AwsService<?, ?> service = (AwsService<?, ?>) f.get(null);
      Class<?> client =
          (Class<?>) ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[1];
      Set<String> methods =
          Arrays.stream(client.getMethods()).map(Method::getName).collect(Collectors.toSet());
      Set<String> ops = ReadOperations.get().operations().get(service.prefix());
      assertThat(ops).as(service.prefix()).isNotNull();
      for (String op : ops) {
        assertThat(methods).as(service.prefix() + ":" + op).contains(Introspector.decapitalize(op));
      }
    }
  }

  @Test
  void theShippedIamPolicyGrantsExactlyTheAllowedActions() throws Exception {
    JsonNode policy =
        new ObjectMapper()
            .readTree(Path.of("examples/iam/trailaudit-readonly-policy.json").toFile());
    Set<String> granted = new TreeSet<>();
    for (JsonNode statement : policy.get("Statement")) {
      assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
      JsonNode action = statement.get("Action");
      if (action.isArray()) {
        action.forEach(a -> granted.add(a.asText()));
      } else {
        granted.add(action.asText());
      }
    }
    assertThat(granted).isEqualTo(ReadOperations.get().iamActions());
  }

  /**
   * The other half of "exactly what the tool needs": every allowed operation is called somewhere in
   * the sources (as {@code client.operation(} or {@code client.operationPaginator(}), so the IAM
   * policy grants nothing that no reader uses.
   */
  @Test
  void everyAllowedOperationIsCalledBySomeReader() throws Exception {
    StringBuilder sources = new StringBuilder();
    try (var files = java.nio.file.Files.walk(Path.of("src/main/java/io/trailaudit"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        sources.append(java.nio.file.Files.readString(f));
      }
    }
    ReadOperations.get()
        .operations()
        .forEach(
            (service, ops) ->
                ops.forEach(
                    op ->
                        assertThat(sources.toString())
                            .as(service + ":" + op + " is allowed but never called")
                            .containsPattern(
                                "\\." + Introspector.decapitalize(op) + "(Paginator)?\\(")));
  }
}
