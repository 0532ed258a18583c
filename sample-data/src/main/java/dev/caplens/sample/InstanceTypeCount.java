package dev.caplens.sample;

/** An instance type and a count: Outposts InstanceTypeCapacity and requested instance pools. */
public record InstanceTypeCount(String instanceType, int count) {}
