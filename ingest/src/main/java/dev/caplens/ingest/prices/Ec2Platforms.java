package dev.caplens.ingest.prices;

import java.util.Map;
import java.util.Optional;

/**
 * EC2's InstancePlatform spellings (what capacity reservations report) as the Price List's
 * product attributes {@code operatingSystem} and {@code preInstalledSw}.
 */
public final class Ec2Platforms {

  /** The Price List attributes that select one platform's products. */
  public record ProductAttributes(String operatingSystem, String preInstalledSw) {}

  private static final Map<String, ProductAttributes> BY_PLATFORM = Map.ofEntries(
      Map.entry("Linux/UNIX", new ProductAttributes("Linux", "NA")),
      Map.entry("Red Hat Enterprise Linux", new ProductAttributes("RHEL", "NA")),
      Map.entry("RHEL with HA", new ProductAttributes("Red Hat Enterprise Linux with HA", "NA")),
      Map.entry("SUSE Linux", new ProductAttributes("SUSE", "NA")),
      Map.entry("Ubuntu Pro", new ProductAttributes("Ubuntu Pro", "NA")),
      Map.entry("Windows", new ProductAttributes("Windows", "NA")),
      Map.entry("Windows with SQL Server", new ProductAttributes("Windows", "SQL Std")),
      Map.entry("Windows with SQL Server Standard", new ProductAttributes("Windows", "SQL Std")),
      Map.entry("Windows with SQL Server Web", new ProductAttributes("Windows", "SQL Web")),
      Map.entry("Windows with SQL Server Enterprise", new ProductAttributes("Windows", "SQL Ent")),
      Map.entry("Linux with SQL Server Standard", new ProductAttributes("Linux", "SQL Std")),
      Map.entry("Linux with SQL Server Web", new ProductAttributes("Linux", "SQL Web")),
      Map.entry("Linux with SQL Server Enterprise", new ProductAttributes("Linux", "SQL Ent")));

  private Ec2Platforms() {}

  public static Optional<ProductAttributes> productAttributes(String instancePlatform) {
    return Optional.ofNullable(instancePlatform).map(BY_PLATFORM::get);
  }
}
