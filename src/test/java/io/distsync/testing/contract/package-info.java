/**
 * The OpenAPI document as a test oracle: {@link io.distsync.testing.contract.Contract} checks every
 * answer the integration tests receive against the document the server serves, so an answer the
 * document does not allow fails the build ({@link io.distsync.testing.contract.ContractExtension}
 * fails the test that saw it, whatever thread made the call).
 */
package io.distsync.testing.contract;
