/** Static checks of the JMeter plans in jmeter/ (they run against a live cluster elsewhere). */
package io.distsync.bench.jmeter;
