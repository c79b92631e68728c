/**
 * The performance report: reads JMeter's CSV results of {@code jmeter/report.sh} and writes the
 * charts (docs/img/*.png) and the generated section of docs/performance.md. Run by the script, or
 * {@code mvn -Pbench verify -Dbench.main=io.distsync.bench.report.PerformanceReport
 * -Dbench.args="RESULTS_DIR"}.
 */
package io.distsync.bench.report;
