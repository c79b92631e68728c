package io.distsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every public operation names its role, so none falls back to admin by accident. */
public class RequiresTest {
  /** The resources whose operations are public (the OpenAPI document's operations). */
  public static final List<Class<?>> RESOURCES =
      List.of(
          io.distsync.lock.LockResource.class,
          io.distsync.queue.QueueResource.class,
          io.distsync.cache.CacheResource.class,
          io.distsync.cluster.raft.RaftResource.class,
          io.distsync.cluster.StatusResource.class,
          io.distsync.dashboard.DashboardResource.class);

  @Test
  void every_operation_of_the_contract_names_the_role_it_needs() {
    List<String> missing = new ArrayList<>();
    for (Class<?> c : RESOURCES) {
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())
            && isOperation(m)
            && m.getAnnotation(Requires.class) == null
            && c.getAnnotation(Requires.class) == null) {
          missing.add(c.getSimpleName() + "." + m.getName());
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void every_admin_operation_passes_through_the_audit_filter() {
    List<String> missing = new ArrayList<>();
    for (Class<?> c : RESOURCES) {
      for (Method m : c.getDeclaredMethods()) {
        Requires r = m.getAnnotation(Requires.class);
        if (r != null && r.value() == Role.ADMIN && m.getAnnotation(Audited.class) == null) {
          missing.add(c.getSimpleName() + "." + m.getName());
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void an_operation_without_a_role_needs_admin() throws NoSuchMethodException {
    assertThat(BearerAuthFilter.needed(RequiresTest.class.getDeclaredMethod("unannotated")))
        .isEqualTo(Role.ADMIN);
    assertThat(BearerAuthFilter.needed(null)).isEqualTo(Role.ADMIN);
  }

  @SuppressWarnings("unused")
  private void unannotated() {}

  private static boolean isOperation(Method m) {
    return m.isAnnotationPresent(jakarta.ws.rs.GET.class)
        || m.isAnnotationPresent(jakarta.ws.rs.POST.class)
        || m.isAnnotationPresent(jakarta.ws.rs.PUT.class)
        || m.isAnnotationPresent(jakarta.ws.rs.DELETE.class);
  }

  @Test
  void bearer_headers_are_read_case_insensitively_and_anything_else_is_refused() throws Exception {
    assertThat(BearerAuthFilter.token("Bearer abc")).isEqualTo("abc");
    assertThat(BearerAuthFilter.token("bearer abc")).isEqualTo("abc");
    for (String bad : new String[] {null, "", "Basic abc", "Bearer", "Bearer "}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> BearerAuthFilter.token(bad))
          .isInstanceOf(TokenRejectedException.class);
    }
  }
}
