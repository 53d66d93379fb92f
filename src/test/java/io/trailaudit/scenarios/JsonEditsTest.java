package io.trailaudit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trailaudit.scenarios.JsonEdits.Edit;
import io.trailaudit.scenarios.JsonEdits.Op;
import org.junit.jupiter.api.Test;

class JsonEditsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  private static JsonNode edited(String json, Edit... edits) throws Exception {
    JsonNode t = tree(json);
    for (Edit e : edits) {
      JsonEdits.apply(t, e);
    }
    return t;
  }

  @Test
  void setReplacesAnExistingMemberOrElement() throws Exception {
    assertThat(edited("{'a': {'b': 1}}", new Edit(Op.SET, "/a/b", IntNode.valueOf(2), null)))
        .isEqualTo(tree("{'a': {'b': 2}}"));
    assertThat(edited("{'a': [1, 2]}", new Edit(Op.SET, "/a/1", IntNode.valueOf(3), null)))
        .isEqualTo(tree("{'a': [1, 3]}"));
  }

  @Test
  void addCreatesAMemberInsertsOrAppends() throws Exception {
    assertThat(edited("{'a': {}}", new Edit(Op.ADD, "/a/b", IntNode.valueOf(1), null)))
        .isEqualTo(tree("{'a': {'b': 1}}"));
    assertThat(edited("{'a': [1, 2]}", new Edit(Op.ADD, "/a/0", IntNode.valueOf(0), null)))
        .isEqualTo(tree("{'a': [0, 1, 2]}"));
    assertThat(edited("{'a': [1]}", new Edit(Op.ADD, "/a/-", IntNode.valueOf(2), null)))
        .isEqualTo(tree("{'a': [1, 2]}"));
  }

  @Test
  void removeDeletesAMemberOrElement() throws Exception {
    assertThat(edited("{'a': 1, 'b': 2}", new Edit(Op.REMOVE, "/a", null, null)))
        .isEqualTo(tree("{'b': 2}"));
    assertThat(edited("{'a': [1, 2, 3]}", new Edit(Op.REMOVE, "/a/1", null, null)))
        .isEqualTo(tree("{'a': [1, 3]}"));
  }

  @Test
  void tildeEscapesInPointers() throws Exception {
    assertThat(
            edited(
                "{'a/b': 1, 'c~d': 2}",
                new Edit(Op.SET, "/a~1b", IntNode.valueOf(3), null),
                new Edit(Op.REMOVE, "/c~0d", null, null)))
        .isEqualTo(tree("{'a/b': 3}"));
  }

  @Test
  void withinEditsTheJsonDocumentHeldInAString() throws Exception {
    JsonNode t =
        edited(
            "{'policy': '{\\'Statement\\': [{\\'Sid\\': \\'A\\'}]}'}".replace("\\'", "\\\""),
            new Edit(Op.ADD, "/Statement/-", tree("{'Sid': 'B'}"), "/policy"));
    assertThat(t.get("policy").isTextual()).isTrue();
    assertThat(tree(t.get("policy").asText()))
        .isEqualTo(tree("{'Statement': [{'Sid': 'A'}, {'Sid': 'B'}]}"));
  }

  @Test
  void pathsThatDoNotFitAreErrorsNamingThePath() {
    assertThatThrownBy(() -> edited("{'a': 1}", new Edit(Op.SET, "/b", IntNode.valueOf(1), null)))
        .hasMessage("/b: no such member to set");
    assertThatThrownBy(() -> edited("{'a': 1}", new Edit(Op.ADD, "/a", IntNode.valueOf(1), null)))
        .hasMessage("/a: member exists already; use set");
    assertThatThrownBy(() -> edited("{'a': 1}", new Edit(Op.REMOVE, "/b", null, null)))
        .hasMessage("/b: no such member to remove");
    assertThatThrownBy(
            () -> edited("{'a': [1]}", new Edit(Op.SET, "/a/1", IntNode.valueOf(1), null)))
        .hasMessage("/a/1: index out of range (size 1)");
    assertThatThrownBy(
            () -> edited("{'a': [1]}", new Edit(Op.SET, "/a/x", IntNode.valueOf(1), null)))
        .hasMessage("/a/x: \"x\" is not an array index");
    assertThatThrownBy(() -> edited("{'a': 1}", new Edit(Op.SET, "/a/b", IntNode.valueOf(1), null)))
        .hasMessage("/a/b: parent is not an object or array");
    assertThatThrownBy(
            () -> edited("{'a': 1}", new Edit(Op.SET, "/x", TextNode.valueOf("y"), "/a")))
        .hasMessage("within /a: not a string");
  }
}
