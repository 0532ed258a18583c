package dev.caplens.sample.server;

import java.time.Instant;

/** One cloud protocol served on the shared endpoint. */
interface CloudApi {

  CloudService service();

  /** Action, account and region as far as the request names them; never fails, so every request is logged. */
  ApiCall describe(ApiRequest request, int number);

  /** Answers the request from the files of {@code snapshot}; throws {@link ApiError} for an error reply. */
  ApiReply handle(ApiRequest request, ApiCall call, Instant snapshot);

  ApiReply error(ApiError error);
}
