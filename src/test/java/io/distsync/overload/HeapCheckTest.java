package io.distsync.overload;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.cache.CacheResource;
import io.distsync.cluster.raft.RaftResource;
import io.distsync.lock.LockResource;
import io.distsync.queue.QueueResource;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeapCheckTest {
  private static final long MB = 1024 * 1024;

  @Test
  void when_theOldGenerationStaysFullAfterACollection_then_newWorkIsRefused_untilItIsFreed() {
    AtomicLong used = new AtomicLong(50 * MB);
    HeapCheck check = new HeapCheck(used::get, 100 * MB, 85);
    assertThat(check.isShort()).isFalse();

    used.set(86 * MB);
    assertThat(check.isShort()).isTrue();

    used.set(80 * MB);
    assertThat(check.isShort()).as("below the mark, but not by a tenth of it").isTrue();

    used.set(76 * MB);
    assertThat(check.isShort()).isFalse();
    used.set(84 * MB);
    assertThat(check.isShort()).as("under the mark again: accepted").isFalse();
  }

  @Test
  void when_noPoolIsKnown_then_nothingIsEverRefused() {
    assertThat(new HeapCheck(() -> Long.MAX_VALUE, 0, 85).isShort()).isFalse();
  }

  @Test
  void when_anOperationAddsState_then_itIsMarked_andOperationsThatFreeStateAreNot() {
    Set<String> marked = new TreeSet<>();
    for (Class<?> c :
        new Class<?>[] {
          LockResource.class, QueueResource.class, CacheResource.class, RaftResource.class
        }) {
      Arrays.stream(c.getDeclaredMethods())
          .filter(m -> m.isAnnotationPresent(AddsState.class))
          .map(Method::getName)
          .forEach(n -> marked.add(c.getSimpleName() + "." + n));
    }
    assertThat(marked)
        .containsExactlyInAnyOrder(
            "LockResource.acquire",
            "QueueResource.produce",
            "QueueResource.consume",
            "CacheResource.put",
            "RaftResource.noop");
  }
}
