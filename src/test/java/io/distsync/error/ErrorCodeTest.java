package io.distsync.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCodeTest {

  @ParameterizedTest
  @CsvSource({
    "400, INVALID_REQUEST",
    "401, UNAUTHORIZED",
    "404, NOT_FOUND",
    "405, METHOD_NOT_ALLOWED",
    "406, NOT_ACCEPTABLE",
    "413, PAYLOAD_TOO_LARGE",
    "415, UNSUPPORTED_MEDIA_TYPE",
    "409, INVALID_REQUEST",
    "500, INTERNAL_ERROR",
    "502, INTERNAL_ERROR"
  })
  void container_statuses_get_a_contract_code(int status, ErrorCode expected) {
    assertThat(ErrorCode.forStatus(status)).isEqualTo(expected);
  }
}
