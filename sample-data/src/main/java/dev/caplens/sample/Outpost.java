package dev.caplens.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An AWS Outpost (ListOutposts). */
public record Outpost(
    String id,
    String ownerId,
    String region,
    String availabilityZone,
    String availabilityZoneId,
    String siteId,
    String name,
    String description,
    Map<String, String> tags) {

  public Outpost {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  public String arn() {
    return "arn:aws:outposts:" + region + ":" + ownerId + ":outpost/" + id;
  }

  public String siteArn() {
    return "arn:aws:outposts:" + region + ":" + ownerId + ":site/" + siteId;
  }
}
