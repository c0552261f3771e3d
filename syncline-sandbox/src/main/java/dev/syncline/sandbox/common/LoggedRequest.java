package dev.syncline.sandbox.common;

import java.time.Instant;
import java.util.Map;

/**
 * One request a simulator served.
 *
 * @param sequence increasing from 1 in the order requests completed
 * @param started when the request arrived (sandbox clock)
 * @param finished when its response was complete (sandbox clock)
 * @param account the remote account it addressed, or empty when none applies
 * @param cost what it cost against the account's limit, in the remote's unit (JOOR credits), 0 when
 *     none
 * @param details simulator-specific facts worth reading back (the SuiteQL text, the bulk job id)
 */
public record LoggedRequest(
    long sequence,
    Instant started,
    Instant finished,
    String method,
    String path,
    String query,
    int status,
    String account,
    int cost,
    Map<String, String> details) {}
