/**
 * Pagination of the listing endpoints ({@code GET /queues}, {@code GET /locks}, the lines of {@code
 * GET /cache/state}): a page size ({@code limit}) and an opaque cursor that names the last item of
 * the page before, so a listing costs what one page costs, whatever the number of names stored.
 */
package io.distsync.paging;
