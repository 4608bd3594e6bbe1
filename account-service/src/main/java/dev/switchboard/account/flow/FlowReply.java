package dev.switchboard.account.flow;

import dev.switchboard.account.flow.Check.Option;
import java.util.List;

/**
 * A flow turn's reply as it is published and kept: its words, its options, the flow the conversation is still in
 * (null when this reply ended it) and the audit id of the account action it reports.
 */
record FlowReply(String replyId, String content, List<Option> options, String flow, String actionId) {
}
