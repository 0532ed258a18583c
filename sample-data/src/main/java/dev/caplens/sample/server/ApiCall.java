package dev.caplens.sample.server;

/**
 * One request as the sample server understood it, before answering it. Fields the request did
 * not carry (an unsigned request has no account) are null.
 *
 * @param number 1-based position of the request since the server started or faults were last injected
 * @param action the API action, e.g. DescribeCapacityReservations or ListAssets
 * @param paged whether the request carried a NextToken, i.e. asked for a page after the first
 */
public record ApiCall(int number, CloudService service, String action, String accountId, String region, boolean paged) {}
