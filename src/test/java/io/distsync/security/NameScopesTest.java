package io.distsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameScopesTest {
  @Test
  void a_pattern_ending_in_a_star_is_a_prefix_and_any_other_an_exact_name() {
    NameScopes s = NameScopes.parse("orders/* invoice-7");
    assertThat(s.allows("orders/")).isTrue();
    assertThat(s.allows("orders/42/lines")).isTrue();
    assertThat(s.allows("orders")).isFalse();
    assertThat(s.allows("invoice-7")).isTrue();
    assertThat(s.allows("invoice-70")).isFalse();
    assertThat(s.unrestricted()).isFalse();
  }

  @Test
  void no_scope_claim_or_a_lone_star_allows_every_name() {
    assertThat(NameScopes.parse(null).unrestricted()).isTrue();
    assertThat(NameScopes.parse("  ").allows("anything")).isTrue();
    assertThat(NameScopes.parse("*").unrestricted()).isTrue();
  }

  @Test
  void roles_include_the_ones_below_them() {
    assertThat(Role.ADMIN.includes(Role.CLIENT)).isTrue();
    assertThat(Role.CLIENT.includes(Role.READER)).isTrue();
    assertThat(Role.READER.includes(Role.CLIENT)).isFalse();
    assertThat(Role.fromClaim("client")).contains(Role.CLIENT);
    assertThat(Role.fromClaim("root")).isEmpty();
  }
}
