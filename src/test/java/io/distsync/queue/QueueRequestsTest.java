package io.distsync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distsync.error.ApiException;
import io.distsync.queue.QueueStore.NewMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input checks of the queue API: 400 INVALID_REQUEST (413 for size), never a 500. */
class QueueRequestsTest {

  private static JsonObject json(String text) {
    try (var r = Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }

  private static void assertInvalid(String body, String messagePart) {
    assertThatThrownBy(() -> QueueRequests.produce(json(body)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_REQUEST");
              assertThat(e.status()).isEqualTo(400);
            })
        .hasMessageContaining(messagePart);
  }

  @Test
  void when_oneMessageHasEveryField_then_itIsReadAsGiven() {
    List<NewMessage> m =
        QueueRequests.produce(
            json(
                "{\"payload\":{\"a\":[1,2]},\"key\":\"k-1\",\"priority\":7,"
                    + "\"deduplicationId\":\"d 1\",\"delayMs\":250}"));
    assertThat(m).containsExactly(new NewMessage("{\"a\":[1,2]}", "k-1", 7, "d 1", 250));
  }

  @Test
  void when_fieldsAreAbsent_then_defaultsApply_andAnyJsonValueIsAPayload() {
    assertThat(QueueRequests.produce(json("{\"payload\":\"text\"}")))
        .containsExactly(new NewMessage("\"text\"", null, 0, null, 0));
    assertThat(QueueRequests.produce(json("{\"payload\":null}")).get(0).payload())
        .isEqualTo("null");
    assertThat(QueueRequests.produce(json("{\"payload\":12.5}")).get(0).payload())
        .isEqualTo("12.5");
  }

  @Test
  void when_aBatchIsGiven_then_everyMessageIsRead_inOrder() {
    List<NewMessage> m =
        QueueRequests.produce(
            json("{\"messages\":[{\"payload\":1},{\"payload\":2,\"priority\":255}]}"));
    assertThat(m).extracting(NewMessage::payload).containsExactly("1", "2");
    assertThat(m.get(1).priority()).isEqualTo(255);
  }

  @Test
  void when_fieldsAreMissingOrOutOfRange_then_400() {
    assertInvalid("{}", "payload is required");
    assertInvalid("{\"payload\":1,\"priority\":256}", "priority");
    assertInvalid("{\"payload\":1,\"priority\":-1}", "priority");
    assertInvalid("{\"payload\":1,\"priority\":1.5}", "priority");
    assertInvalid("{\"payload\":1,\"priority\":\"high\"}", "priority");
    assertInvalid("{\"payload\":1,\"delayMs\":-5}", "delayMs");
    assertInvalid("{\"payload\":1,\"delayMs\":1e30}", "delayMs");
    assertInvalid("{\"payload\":1,\"key\":\"\"}", "key");
    assertInvalid("{\"payload\":1,\"key\":\"has space\"}", "key");
    assertInvalid("{\"payload\":1,\"key\":\"" + "k".repeat(257) + "\"}", "key");
    assertInvalid("{\"payload\":1,\"key\":5}", "key must be a string");
    assertInvalid("{\"payload\":1,\"deduplicationId\":\"\"}", "deduplicationId");
    assertInvalid("{\"messages\":[]}", "1 to 1000");
    assertInvalid("{\"messages\":{}}", "must be an array");
    assertInvalid("{\"messages\":[1]}", "messages[0] must be an object");
    assertInvalid("{\"messages\":[{\"payload\":1},{}]}", "messages[1].payload is required");
  }

  @Test
  void when_aBatchHoldsMoreThan1000Messages_then_400() {
    String many = "{\"payload\":0},".repeat(1001);
    assertInvalid("{\"messages\":[" + many.substring(0, many.length() - 1) + "]}", "1 to 1000");
  }

  @Test
  void when_thePayloadIsOver256KiB_then_413() {
    String big = "x".repeat(256 * 1024);
    assertThatThrownBy(() -> QueueRequests.produce(json("{\"payload\":\"" + big + "\"}")))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("PAYLOAD_TOO_LARGE"));
    // 256 KiB including the quotes is still fine.
    String fits = "x".repeat(256 * 1024 - 2);
    assertThat(QueueRequests.produce(json("{\"payload\":\"" + fits + "\"}"))).hasSize(1);
  }

  @Test
  void when_queueNamesOrConsumersAreBad_then_400() {
    assertThat(QueueRequests.queueName("orders.eu/v1:high-prio_2")).isNotNull();
    for (String bad : new String[] {"", "a b", "a{b}", "é", "q".repeat(257)}) {
      assertThatThrownBy(() -> QueueRequests.queueName(bad)).isInstanceOf(ApiException.class);
    }
    assertThatThrownBy(() -> QueueRequests.consumer(null)).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> QueueRequests.consumer("a\nb")).isInstanceOf(ApiException.class);
    assertThat(QueueRequests.consumer("worker 1")).isEqualTo("worker 1");
  }

  @Test
  void when_rangesAreChecked_then_defaultsFillGaps_andBoundsHold() {
    assertThat(QueueRequests.range((Integer) null, "max", 1, 1000, 1)).isEqualTo(1);
    assertThat(QueueRequests.range(1000, "max", 1, 1000, 1)).isEqualTo(1000);
    assertThatThrownBy(() -> QueueRequests.range(0, "max", 1, 1000, 1))
        .hasMessageContaining("max must be between 1 and 1000");
    assertThatThrownBy(() -> QueueRequests.range(20_001L, "waitMs", 0, 20_000, 0))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void when_receiptListsAreBad_then_400() {
    assertThatThrownBy(() -> QueueRequests.list(null, "receipts", true))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> QueueRequests.list(List.of(), "receipts", true))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> QueueRequests.list(java.util.Arrays.asList("a", null), "r", true))
        .isInstanceOf(ApiException.class);
    assertThat(QueueRequests.list(null, "ids", false)).isEmpty();
  }
}
