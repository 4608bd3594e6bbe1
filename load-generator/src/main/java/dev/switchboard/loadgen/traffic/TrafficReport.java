package dev.switchboard.loadgen.traffic;

import java.util.Map;

/**
 * The messages of one run. Everything but {@code sent} is about the messages meant for the measured window.
 *
 * @param channel rest, ws or mixed
 * @param offeredPerSecond the rate messages were sent at
 * @param seconds the measured window
 * @param sent messages sent, the warm-up's included
 * @param counted messages meant for the measured window
 * @param answeredPerSecond real replies (not the gateway's timeout placeholder) that arrived within the window, per
 *     second: the throughput achieved
 * @param latency from intended send to answer, every reply of the window
 * @param latencyByChannel the same per channel
 * @param refusalLatency from intended send to an HTTP error or a WebSocket error frame (a 503 when shedding)
 * @param answerLatency from intended send to any answer, reply or refusal: what a customer waited to hear something
 * @param answersOverTwoSeconds answers (replies or refusals) that came more than 2 s after their intended send
 * @param sourcesByKind how each kind of message was answered (reply source → count), the timeout placeholder aside
 * @param httpErrors HTTP status → count
 * @param webSocketErrors status of the {"type":"error"} frame → count
 * @param webSocketErrorsWithoutId error frames naming no message (the per-connection rate limit, a bad frame), in
 *     the whole run; their messages count as no-answer
 * @param failures no answer at all from the gateway (connection refused, socket closed...) → count
 * @param gatewayTimeouts replies that were the gateway's REPLY_TIMEOUT placeholder
 * @param noAnswers messages with nothing at all back within the grace period
 */
public record TrafficReport(String channel, double offeredPerSecond, double seconds, long sent, long counted,
        double answeredPerSecond, Latency latency, Map<String, Latency> latencyByChannel, Latency refusalLatency,
        Latency answerLatency, long answersOverTwoSeconds,
        Map<String, Map<String, Long>> sourcesByKind, Map<Integer, Long> httpErrors,
        Map<Integer, Long> webSocketErrors, long webSocketErrorsWithoutId, Map<String, Long> failures,
        long gatewayTimeouts, long noAnswers) {
}
