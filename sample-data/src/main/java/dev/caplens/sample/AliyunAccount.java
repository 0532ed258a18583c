package dev.caplens.sample;

/** An Alibaba Cloud account of the sample organisation; accessKeyId is null for an account nobody reads through. */
public record AliyunAccount(String id, String accessKeyId, String accessKeySecret) {}
