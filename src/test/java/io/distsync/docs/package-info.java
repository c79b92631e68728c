/**
 * Checks of the repository's documentation, run by the build: every relative link and image in the
 * Markdown files points to a file that exists, no document or source refers to a path outside the
 * repository, and the README's shell blocks name commands and paths that exist. (Mermaid diagrams
 * are rendered by {@code docs/check/mermaid}, which the build runs too.)
 */
package io.distsync.docs;
