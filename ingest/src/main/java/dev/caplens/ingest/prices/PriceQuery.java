package dev.caplens.ingest.prices;

/** One price to look up: an instance type on a platform, spelled as the reservation snapshots spell them. */
public record PriceQuery(String region, String instanceType, String platform) {

  @Override
  public String toString() {
    return region + " " + instanceType + " " + platform;
  }
}
