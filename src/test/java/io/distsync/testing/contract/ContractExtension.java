package io.distsync.testing.contract;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which an answer broke the OpenAPI document, even when the call that saw it
 * ran on a worker thread that caught the error. Registered for every test class through JUnit's
 * extension auto-detection ({@code junit-platform.properties}); tests that send no HTTP record
 * nothing.
 */
public final class ContractExtension implements AfterEachCallback, AfterAllCallback {

  @Override
  public void afterEach(ExtensionContext context) {
    fail(Contract.drain());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    fail(Contract.drain());
  }

  private static void fail(List<String> violations) {
    if (!violations.isEmpty()) {
      throw new AssertionError(
          violations.size()
              + " answers the OpenAPI document does not allow:\n"
              + String.join("\n", violations));
    }
  }
}
