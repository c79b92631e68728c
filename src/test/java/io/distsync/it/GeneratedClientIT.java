package io.distsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.distsync.generated.ApiClient;
import io.distsync.generated.ApiException;
import io.distsync.generated.api.CacheApi;
import io.distsync.generated.api.LocksApi;
import io.distsync.generated.api.QueuesApi;
import io.distsync.generated.model.AckRequest;
import io.distsync.generated.model.AcquireRequest;
import io.distsync.generated.model.CacheEntry;
import io.distsync.generated.model.CachePut;
import io.distsync.generated.model.ConsumeReply;
import io.distsync.generated.model.ConsumeRequest;
import io.distsync.generated.model.ConsumedMessage;
import io.distsync.generated.model.LockGrant;
import io.distsync.generated.model.Message;
import io.distsync.generated.model.ProduceMessagesRequest;
import io.distsync.generated.model.ProduceReply;
import io.distsync.generated.model.PutReply;
import io.distsync.generated.model.ReleaseReply;
import io.distsync.generated.model.ReleaseRequest;
import io.distsync.testing.contract.CheckedHttpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Java client that the build generates from {@code openapi/openapi.yaml} (into {@code
 * target/generated-client}) drives the build's server: if the document lied about a path, a field,
 * a type or a status, these calls would fail to compile, to parse or to match. Every answer is also
 * checked against the document ({@link CheckedHttpClient}).
 */
class GeneratedClientIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private final ApiClient client = client();

  private static ApiClient client() {
    URI base = URI.create(ItServer.url(""));
    ApiClient c =
        new ApiClient(
            CheckedHttpClient.wrapping(HttpClient.newBuilder()),
            ApiClient.createDefaultObjectMapper(),
            base.toString());
    c.setConnectTimeout(Duration.ofSeconds(5));
    c.setReadTimeout(Duration.ofSeconds(30));
    return c;
  }

  @Test
  void a_lock_is_granted_refused_to_another_owner_and_released() throws ApiException {
    LocksApi locks = new LocksApi(client);
    String resource = "gen-" + RUN + "-lock";

    LockGrant grant =
        locks.acquireLock(
            new AcquireRequest()
                .resource(resource)
                .owner("alice")
                .mode(AcquireRequest.ModeEnum.EXCLUSIVE)
                .ttlMs(30_000L));
    assertThat(grant.getOwner()).isEqualTo("alice");
    assertThat(grant.getMode()).isEqualTo(LockGrant.ModeEnum.EXCLUSIVE);
    assertThat(grant.getFencingToken()).isPositive();
    assertThat(grant.getHoldCount()).isEqualTo(1);

    ApiException refused =
        catchThrowableOfType(
            ApiException.class,
            () -> locks.acquireLock(new AcquireRequest().resource(resource).owner("bob")));
    assertThat(refused.getCode()).isEqualTo(409);
    assertThat(refused.getResponseBody()).contains("\"LOCK_CONFLICT\"").contains("alice");

    ReleaseReply released =
        locks.releaseLock(
            new ReleaseRequest()
                .resource(resource)
                .owner("alice")
                .fencingToken(grant.getFencingToken()));
    assertThat(released.getReleased()).isTrue();
    assertThat(released.getHoldCount()).isZero();
    assertThat(locks.getLock(resource).getHolders()).isEmpty();
  }

  @Test
  void a_message_is_produced_consumed_and_acked() throws ApiException {
    QueuesApi queues = new QueuesApi(client);
    String queue = "gen-" + RUN + "-queue";

    ProduceReply produced =
        queues.produceMessages(
            queue, new ProduceMessagesRequest(new Message().payload(Map.of("orderId", 42))));
    assertThat(produced.getIds()).hasSize(1);

    ConsumeReply consumed =
        queues.consumeMessages(queue, new ConsumeRequest().consumer("worker-1").max(10));
    assertThat(consumed.getMessages()).hasSize(1);
    ConsumedMessage message = consumed.getMessages().get(0);
    assertThat(message.getId()).isEqualTo(produced.getIds().get(0));
    assertThat(message.getPayload()).isEqualTo(Map.of("orderId", 42));
    assertThat(message.getKey()).isNull(); // null in the answer, which the document allows
    assertThat(message.getDeliveries()).isEqualTo(1);

    assertThat(
            queues
                .ackMessages(queue, new AckRequest().receipts(List.of(message.getReceipt())))
                .getAcked())
        .isEqualTo(1);
    assertThat(queues.getQueue(queue).getAcked()).isEqualTo(1);
    queues.deleteQueue(queue);
  }

  @Test
  void a_cache_value_is_written_then_read_and_a_missing_key_is_404() throws ApiException {
    CacheApi cache = new CacheApi(client);
    String key = "gen-" + RUN + "-key";

    PutReply put = cache.putCacheEntry(key, new CachePut().value(Map.of("price", 12)));
    assertThat(put.getVersion()).isPositive();

    CacheEntry entry = cache.getCacheEntry(key);
    assertThat(entry.getValue()).isEqualTo(Map.of("price", 12));
    assertThat(entry.getVersion()).isEqualTo(put.getVersion());

    cache.deleteCacheEntry(key);
    ApiException missing = catchThrowableOfType(ApiException.class, () -> cache.getCacheEntry(key));
    assertThat(missing.getCode()).isEqualTo(404);
    assertThat(missing.getResponseBody()).contains("\"NOT_FOUND\"");
  }
}
