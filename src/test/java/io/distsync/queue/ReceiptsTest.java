package io.distsync.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReceiptsTest {

  @Test
  void when_aReceiptIsParsed_then_itsPartitionAndLocalPartComeBack() {
    String receipt = Receipts.receipt(3, "17.abc123_2");
    assertThat(receipt).isEqualTo("3-17.abc123_2");
    Receipts.Local l = Receipts.parseReceipt(receipt);
    assertThat(l.partition()).isEqualTo(3);
    assertThat(l.local()).isEqualTo("17.abc123_2");
  }

  @Test
  void when_anIdIsParsed_then_itsPartitionAndSeqComeBack() {
    Receipts.Local l = Receipts.parseId(Receipts.id(0, 42));
    assertThat(l.partition()).isZero();
    assertThat(l.local()).isEqualTo("42");
  }

  @Test
  void when_inputIsMalformed_then_nothingIsParsed() {
    assertThat(Receipts.parseReceipt(null)).isNull();
    assertThat(Receipts.parseReceipt("nonsense")).isNull();
    assertThat(Receipts.parseReceipt("1-2")).isNull();
    assertThat(Receipts.parseReceipt("1-2.ABC")).isNull();
    assertThat(Receipts.parseReceipt("-1-2.abc")).isNull();
    assertThat(Receipts.parseId("1-2.abc")).isNull();
    assertThat(Receipts.parseId("x-2")).isNull();
  }

  @Test
  void when_tokensAreDrawn_then_theyDiffer() {
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String t = Receipts.token();
      assertThat(t).matches("[0-9a-z]{1,13}");
      tokens.add(t);
    }
    assertThat(tokens).hasSize(10_000);
  }
}
