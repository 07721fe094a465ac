package dev.keelson.testkit.internal.series;

/**
 * A container's CPU or memory use scripted as a share of its own request of that resource ({@code 1.4} is 140% of
 * it), so one script gives every container of a workload the same utilisation whatever it requests. A container
 * that requests none of the resource uses none.
 */
record RequestShare(Curve share) {

  /** The use of a container requesting {@code request} (cores or bytes). */
  Curve of(double request) {
    return share.map(s -> s * request);
  }
}
