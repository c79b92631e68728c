package io.distsync.raft.sim;

import java.util.PriorityQueue;

/** Discrete-event scheduler: simulated time jumps from event to event; ties run FIFO. */
public final class SimScheduler {
  /** A scheduled event; cancel it by setting {@link #cancel()}. */
  public static final class Event implements Comparable<Event> {
    final long time;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Event(long time, long seq, Runnable task) {
      this.time = time;
      this.seq = seq;
      this.task = task;
    }

    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Event o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private long now;
  private long seq;
  private long eventsRun;
  private Runnable afterEvent = () -> {};

  public long now() {
    return now;
  }

  public long eventsRun() {
    return eventsRun;
  }

  /** Runs after every event (the invariant checks). */
  public void afterEvent(Runnable hook) {
    this.afterEvent = hook;
  }

  public Event after(long delayMs, Runnable task) {
    Event e = new Event(now + Math.max(0, delayMs), seq++, task);
    queue.add(e);
    return e;
  }

  /** Runs the next event; false when there is none. */
  public boolean step() {
    Event e = queue.poll();
    if (e == null) {
      return false;
    }
    now = Math.max(now, e.time);
    if (!e.cancelled) {
      eventsRun++;
      e.task.run();
      afterEvent.run();
    }
    return true;
  }

  /** Runs the next event if it is due by {@code deadline}; false otherwise. */
  public boolean stepBefore(long deadline) {
    Event e = queue.peek();
    if (e == null || e.time > deadline) {
      now = Math.max(now, deadline);
      return false;
    }
    return step();
  }

  /** Runs every event up to {@code time}, then sets the clock to it. */
  public void runUntil(long time) {
    while (!queue.isEmpty() && queue.peek().time <= time) {
      step();
    }
    now = Math.max(now, time);
  }
}
