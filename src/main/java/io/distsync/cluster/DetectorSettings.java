package io.distsync.cluster;

import io.distsync.cluster.detector.FailureDetector;
import io.distsync.cluster.detector.FixedIntervalDetector;
import io.distsync.cluster.detector.PhiAccrualDetector;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The failure detector of the peer view (and so of queue partition ownership and the cache's
 * majority check): phi-accrual by default ({@code PEER_DETECTOR=phi}), or the fixed rule ({@code
 * fixed}: down when the last probe failed).
 */
@ApplicationScoped
public class DetectorSettings {
  @Inject ClusterConfig cluster;

  @Inject
  @ConfigProperty(name = "PEER_DETECTOR", defaultValue = "phi")
  String kind;

  @Inject
  @ConfigProperty(name = "PEER_PHI_THRESHOLD", defaultValue = "8")
  double threshold;

  @Inject
  @ConfigProperty(name = "PEER_PHI_WINDOW", defaultValue = "100")
  int window;

  @Inject
  @ConfigProperty(name = "PEER_PHI_MIN_STDDEV", defaultValue = "100")
  long minStdDevMs;

  @Inject
  @ConfigProperty(name = "PEER_PHI_ACCEPTABLE_PAUSE", defaultValue = "0")
  long acceptablePauseMs;

  @PostConstruct
  void check() {
    if (!kind.equals("phi") && !kind.equals("fixed")) {
      throw new IllegalStateException("PEER_DETECTOR '" + kind + "' must be phi or fixed");
    }
    if (threshold <= 0 || window < 2 || window > 10_000 || minStdDevMs <= 0) {
      throw new IllegalStateException(
          "PEER_PHI_THRESHOLD must be > 0, PEER_PHI_WINDOW 2..10000, PEER_PHI_MIN_STDDEV > 0");
    }
    if (acceptablePauseMs < 0) {
      throw new IllegalStateException("PEER_PHI_ACCEPTABLE_PAUSE must be >= 0");
    }
  }

  /** A new detector for one peer. */
  public FailureDetector newDetector() {
    if (kind.equals("fixed")) {
      return new FixedIntervalDetector();
    }
    return new PhiAccrualDetector(
        threshold, window, minStdDevMs, acceptablePauseMs, cluster.peerProbeIntervalMs());
  }

  public String kind() {
    return kind;
  }

  public double threshold() {
    return threshold;
  }
}
