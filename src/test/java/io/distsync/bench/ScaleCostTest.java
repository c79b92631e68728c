package io.distsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsing helpers of {@link ScaleCost} on texts copied from a Linux box, a JVM and Redis. */
class ScaleCostTest {

  @Test
  void when_theCommandNameHoldsSpacesAndParentheses_then_utimePlusStimeAreStillFound() {
    String stat =
        "4717 (java (a) b) S 1 3609 2744 0 -1 4194304 104509 0 6 0 2027 115 0 0 20 0 94 0 30439"
            + " 879149056 79555 18446744073709551615 0 0 0 0 0 0 2 16800973\n";

    assertThat(ScaleCost.cpuTicks(stat)).isEqualTo(2027 + 115);
  }

  @Test
  void when_readingProcStatus_then_vmRssIsInKb_andAZombieHasNone() {
    String status = "Name:\tjava\nVmPeak:\t  900000 kB\nVmRSS:\t  318360 kB\nThreads:\t94\n";

    assertThat(ScaleCost.vmRssKb(status)).isEqualTo(318_360);
    assertThat(ScaleCost.vmRssKb("Name:\tjava\nState:\tZ (zombie)\n")).isEqualTo(-1);
  }

  @Test
  void when_readingTheAggregateCpuLine_then_idleAndIowaitAreNotBusy_andGuestIsNotCountedTwice() {
    String stat = "cpu  100 5 20 1000 50 3 2 1 40 0\ncpu0 50 2 10 500 25 1 1 0 20 0\n";

    assertThat(ScaleCost.boxCpu(stat)).containsExactly(100 + 5 + 20 + 3 + 2 + 1, 1181);
  }

  @Test
  void when_countingSeries_then_commentsAndBlankLinesAreLeftOut() {
    String text =
        "# HELP queue_depth Ready and delayed\n"
            + "# TYPE queue_depth gauge\n"
            + "queue_depth{mp_scope=\"application\",queue=\"scale.0\",} 1.0\n"
            + "\n"
            + "memory_usedHeap_bytes{mp_scope=\"base\",} 5.451372E7\n"
            + "# EOF\n";

    assertThat(ScaleCost.seriesCount(text)).isEqualTo(2);
  }

  @Test
  void when_readingQueueDepths_then_onlyScaleQueuesWithAMessageCount() {
    String text =
        "# TYPE queue_depth gauge\n"
            + "queue_depth{mp_scope=\"application\",queue=\"scale.0\",} 1.0\n"
            + "queue_depth{mp_scope=\"application\",queue=\"scale.1\",} 0.0\n"
            + "queue_depth{queue=\"scale.2\",mp_scope=\"application\"} 3\n"
            + "queue_depth{mp_scope=\"application\",queue=\"orders\",} 7.0\n"
            + "queue_depth_other{mp_scope=\"application\",queue=\"scale.9\",} 1.0\n"
            + "queue_in_flight{mp_scope=\"application\",queue=\"scale.3\",} 1.0\n"
            + "queue_depth{mp_scope=\"application\",queue=\"scale.probe\",} 1.0\n"
            + "queue_depth{mp_scope=\"application\",queue=\"scale.12\",} 1.0\n"
            + "queue_depth{mp_scope=\"application\",queue=\"scale.4\",} NaN\n";

    assertThat(ScaleCost.scaleQueuesWithMessages(text))
        .containsExactly("scale.0", "scale.12", "scale.2");
    assertThat(ScaleCost.below(ScaleCost.scaleQueuesWithMessages(text), 10)).isEqualTo(2);
  }

  @Test
  void when_readingSerialGcHeapInfo_then_youngAndTenuredUsedAreAdded_andMetaspaceIsNot() {
    String info =
        "4717:\n"
            + " def new generation   total 22144K, used 1646K [0x00000000f4000000,"
            + " 0x00000000f5800000, 0x00000000f5800000)\n"
            + "  eden space 19712K,   8% used [0x00000000f4000000, 0x00000000f419b900,"
            + " 0x00000000f5340000)\n"
            + "  from space 2432K,   0% used [0x00000000f55a0000, 0x00000000f55a0000,"
            + " 0x00000000f5800000)\n"
            + " tenured generation   total 76404K, used 53481K [0x00000000f5800000,"
            + " 0x00000000fa29d000, 0x0000000100000000)\n"
            + "   the space 76404K,  69% used [0x00000000f5800000, 0x00000000f8c3a660,"
            + " 0x00000000f8c3a800, 0x00000000fa29d000)\n"
            + " Metaspace       used 81727K, committed 84288K, reserved 262144K\n"
            + "  class space    used 9536K, committed 10624K, reserved 131072K\n";

    assertThat(ScaleCost.heapUsedKb(info)).isEqualTo(1646 + 53481);
  }

  @Test
  void when_readingG1OrZgcHeapInfo_then_theHeapLineIsTaken_andNoHeapLineGivesMinusOne() {
    String g1 =
        " garbage-first heap   total 262144K, used 12345K [0x00000000f0000000, 0x0000000100000000)\n"
            + "  region size 1024K, 5 young (5120K), 0 survivors (0K)\n"
            + " Metaspace       used 81727K, committed 84288K, reserved 262144K\n";
    String z = " ZHeap           used 38M, capacity 64M, max capacity 192M\n";

    assertThat(ScaleCost.heapUsedKb(g1)).isEqualTo(12345);
    assertThat(ScaleCost.heapUsedKb(z)).isEqualTo(38 * 1024);
    assertThat(ScaleCost.heapUsedKb("4717:\nCommand executed successfully\n")).isEqualTo(-1);
  }

  @Test
  void when_twoInfoSnapshotsAreCompared_then_theToolsOwnInfoIsTakenOff() {
    Map<String, String> a =
        ScaleCost.infoFields(
            "# Stats\r\ntotal_commands_processed:1000\r\n"
                + "# Commandstats\r\ncmdstat_evalsha:calls=600,usec=9,usec_per_call=0.01,"
                + "rejected_calls=0,failed_calls=0\r\ncmdstat_info:calls=3,usec=1\r\n");
    Map<String, String> b =
        ScaleCost.infoFields(
            "# Stats\r\ntotal_commands_processed:1301\r\n"
                + "# Commandstats\r\ncmdstat_evalsha:calls=800,usec=9\r\n"
                + "cmdstat_smembers:calls=100,usec=1\r\ncmdstat_info:calls=4,usec=1\r\n");

    assertThat(ScaleCost.redisRate(a, b, 10)).isEqualTo(30.0);
    assertThat(ScaleCost.topCommands(a, b, 10, 5)).isEqualTo("evalsha 20.0, smembers 10.0");
    assertThat(ScaleCost.redisRate(Map.of(), b, 10)).isNaN();
  }

  @Test
  void when_parsingArguments_then_stepsMustGrow() {
    Map<String, String> args = ScaleCost.args(new String[] {"queues=10,400", "idleSeconds=30"});

    assertThat(args).containsEntry("queues", "10,400").containsEntry("idleSeconds", "30");
    assertThat(ScaleCost.steps("10, 1_000")).isEqualTo(List.of(10, 1000));
    assertThatThrownBy(() -> ScaleCost.steps("400,10"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScaleCost.steps("0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void when_aNodeDiedInTheLastStep_then_growthUsesTheNodesThatGaveEachFigure() {
    ScaleCost.Step a =
        new ScaleCost.Step(
            10,
            List.of(
                new ScaleCost.NodeRow("node1", "ready", 10.0, 300, false, 60.0, 300.0, 10),
                new ScaleCost.NodeRow("node2", "ready", 20.0, 300, false, 60.0, 300.0, 10)),
            200,
            "");
    ScaleCost.Step b =
        new ScaleCost.Step(
            110,
            List.of(
                new ScaleCost.NodeRow("node1", "gone", 30.0, null, false, null, 400.0, 0),
                new ScaleCost.NodeRow("node2", "gone", 40.0, null, false, null, 400.0, 0)),
            2200,
            "");

    assertThat(ScaleCost.growth(List.of(a, b)))
        .contains("CPU +20.0 % of a core")
        .contains("series n/a")
        .contains("heap after GC n/a")
        .contains("RSS +100 MB")
        .contains("Redis +2000 cmds/s");
  }
}
