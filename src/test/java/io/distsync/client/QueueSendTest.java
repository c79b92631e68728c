package io.distsync.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.distsync.client.FakeNode.Answer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the producer sends: every message carries a deduplication id (the caller's, or a fresh one)
 * that a retry repeats, batches go 1000 to a request, and dead letters come back as deliveries.
 */
class QueueSendTest {
  private static Answer produce(FakeNode.Request r) {
    if (r.path().contains("/dead-letters")) {
      return Answer.of(
          200,
          "{\"queue\":\"q\",\"total\":3,\"messages\":[{\"id\":\"0-7\",\"payload\":{\"n\":7},"
              + "\"key\":null,\"priority\":0,\"deliveries\":5,\"producedAt\":1,\"deadLetteredAt\":2}]}");
    }
    JsonNode messages = r.body().path("messages");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      ids.add("\"0-" + i + "\"");
    }
    return Answer.of(201, "{\"ids\":" + ids + ",\"partition\":0}");
  }

  @Test
  void when_messagesAreSent_then_eachCarriesADeduplicationId_andBatchesAreSplitAt1000() {
    try (FakeNode node = new FakeNode(QueueSendTest::produce);
        DistSync ds = DistSync.builder().nodes(node.url()).build()) {
      DistributedQueue q = ds.queue("orders");
      q.send(Map.of("n", 1));
      q.send(Message.builder(Map.of("n", 2)).key("k").priority(9).deduplicationId("mine"));
      SendResult batch =
          q.sendBatch(IntStream.range(0, 1500).mapToObj(i -> Message.of(Map.of("n", i))).toList());
      assertThat(batch.ids()).hasSize(1500);

      List<FakeNode.Request> requests = node.requests();
      assertThat(requests).hasSize(4);
      assertThat(requests.get(2).body().path("messages").size()).isEqualTo(1000);
      assertThat(requests.get(3).body().path("messages").size()).isEqualTo(500);
      JsonNode own = requests.get(1).body().path("messages").get(0);
      assertThat(own.path("deduplicationId").asText()).isEqualTo("mine");
      assertThat(own.path("key").asText()).isEqualTo("k");
      assertThat(own.path("priority").asInt()).isEqualTo(9);
      Set<String> generated = new HashSet<>();
      for (FakeNode.Request r : List.of(requests.get(0), requests.get(2), requests.get(3))) {
        r.body().path("messages").forEach(m -> generated.add(m.path("deduplicationId").asText()));
      }
      assertThat(generated).hasSize(1501).doesNotContain("");
    }
  }

  @Test
  void when_deadLettersAreRead_then_theyComeBackWithTheirPayloads() {
    try (FakeNode node = new FakeNode(QueueSendTest::produce);
        DistSync ds = DistSync.builder().nodes(node.url()).build()) {
      DeadLetters dead = ds.queue("orders").deadLetters(10);
      assertThat(dead.total()).isEqualTo(3);
      assertThat(dead.messages())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.id()).isEqualTo("0-7");
                assertThat(d.key()).isNull();
                assertThat(d.deliveries()).isEqualTo(5);
                assertThat(d.payload(Map.class)).containsEntry("n", 7);
              });
      assertThat(node.requests().get(0).path()).isEqualTo("/queues/orders/dead-letters?limit=10");
    }
  }
}
