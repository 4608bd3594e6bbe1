package dev.switchboard.gateway.submission;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param redisUrl when set ({@code redis://host:6379}), submissions are kept in Redis and shared by every gateway
 *     replica, so a retry that reaches another replica is still recognised; empty keeps them in this replica's memory
 * @param window how long a message id is remembered, with its conversation and reply: a retry within it is answered
 *     with the first submission's reply
 * @param storeTimeout the budget of a submission check on the message path; when Redis does not answer within it, the
 *     replica decides with its own memory (counted in {@code gateway_submissions_store_errors_total})
 * @param localMaxSize how much memory a replica's own record of submissions may take, their replies included (the
 *     oldest are forgotten first): it lives in the gateway's heap beside everything else, so it is a size, not a count
 * @param pollInterval how often a retry whose first submission is still in flight looks in the store for its reply (or
 *     for a claim to take over)
 * @param lateReplyWait how long an open WebSocket that was given the timeout placeholder still waits for the real reply
 * @param catchUp how far back a starting replica reads its reply partition: replies that came while it was down
 *     (killed with messages in flight) are kept for the clients' retries
 * @param takeOverAfter how long a claim in Redis that its replica never noted published (it went down between the claim
 *     and the broker's acknowledgement) holds a retry back: after it, the retry's replica publishes the message itself.
 *     Far above a publish's usual milliseconds; a replica still publishing after it (the broker away) and then
 *     succeeding makes a second record of the message, which the stages process again and chat-service stores and
 *     answers once
 */
@ConfigurationProperties("switchboard.gateway.submissions")
record SubmissionProperties(@DefaultValue("") String redisUrl, @DefaultValue("24h") Duration window,
        @DefaultValue("200ms") Duration storeTimeout, @DefaultValue("32MB") DataSize localMaxSize,
        @DefaultValue("250ms") Duration pollInterval, @DefaultValue("10m") Duration lateReplyWait,
        @DefaultValue("5m") Duration catchUp, @DefaultValue("3s") Duration takeOverAfter) {
}
