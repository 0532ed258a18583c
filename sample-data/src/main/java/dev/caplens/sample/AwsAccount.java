package dev.caplens.sample;

/** An AWS account of the sample organisation and the access key the sample server knows it by. */
public record AwsAccount(String id, String name, String accessKeyId, String secretAccessKey) {}
