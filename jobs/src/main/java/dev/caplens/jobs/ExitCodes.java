package dev.caplens.jobs;

/** Exit codes of DESIGN.md's command line. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  /** Finished, but some account, region or source could not be read; the output says which. */
  public static final int PARTIAL = 3;

  private ExitCodes() {}
}
