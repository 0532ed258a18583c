package dev.caplens.sample.server;

import java.util.Optional;
import java.util.Set;

/**
 * Decides, request by request, whether the sample server answers normally or with a {@link Fault}.
 * Plans are plain functions of the {@link ApiCall}; the factories cover the common cases.
 */
@FunctionalInterface
public interface FaultPlan {

  Optional<Fault> faultFor(ApiCall call);

  static FaultPlan none() {
    return call -> Optional.empty();
  }

  /** The first {@code count} requests fail; later ones succeed (a transient outage). */
  static FaultPlan firstRequests(int count, Fault fault) {
    return call -> call.number() <= count ? Optional.of(fault) : Optional.empty();
  }

  /** Every {@code n}th request fails (throttling on every third call, say). */
  static FaultPlan everyNth(int n, Fault fault) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    return call -> call.number() % n == 0 ? Optional.of(fault) : Optional.empty();
  }

  /** The requests with these numbers fail. */
  static FaultPlan requests(Set<Integer> numbers, Fault fault) {
    return call -> numbers.contains(call.number()) ? Optional.of(fault) : Optional.empty();
  }

  /** Every request of one action of one service fails. */
  static FaultPlan action(CloudService service, String action, Fault fault) {
    return call -> call.service() == service && action.equals(call.action()) ? Optional.of(fault) : Optional.empty();
  }

  /** Every request made with one account's credentials in one region fails (a scope that cannot be read). */
  static FaultPlan scope(String accountId, String region, Fault fault) {
    return call -> accountId.equals(call.accountId()) && region.equals(call.region())
        ? Optional.of(fault) : Optional.empty();
  }
}
