package dev.switchboard.account.agent;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tool-calling agent's settings; it is on only when a chat model is configured.
 *
 * @param flows the guided flows the agent answers instead of their script (empty: all), so a model can be tried on
 *     some flows while the others keep their script
 * @param historyTurns how many of the conversation's earlier flow turns the model sees
 */
@ConfigurationProperties("switchboard.account.agent")
public record AgentProperties(@DefaultValue List<String> flows, @DefaultValue("10") int historyTurns) {
}
