package dev.poolse.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.ConversationHandle;
import dev.poolse.sdk.MessageQuery;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.ReplyQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The support bot, seen from an app: alice, with tokens from {@code GET /chat-token}, writes to it
 * in a conversation and reads its answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupportBotTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;
    @Autowired
    PoolseDevServer devServer;
    @Autowired
    SupportBot bot;

    private Poolse alice;
    private ConversationHandle support;

    @BeforeEach
    void aliceOpensASupportConversation() {
        assertThat(bot.isListening()).isTrue();
        ChatTokenClient backend = new ChatTokenClient(port);
        // As an app does it: the SDK asks the backend for a token whenever it needs one.
        alice = Poolse.builder().apiUrl(devServer.apiUrl().toString()).tokenProvider(() -> backend.token("alice"))
                .build();
        Conversation conversation = alice.conversations().create(new ConversationCreateRequest()
                .type(ConversationType.GROUP).name("Support").memberExternalIds(List.of("support-bot")));
        support = alice.conversations().one(conversation.getId());
    }

    @AfterEach
    void close() {
        alice.close();
        assertThat(devServer.specViolations()).isEmpty();
    }

    @Test
    void theBotAnswersAMessage() {
        Message question = send("Hi, my order has not arrived");

        Message answer = awaitAnswerTo(question);
        assertThat(answer.getSenderExternalId()).isEqualTo("support-bot");
        assertThat(answer.getBody()).isEqualTo(SupportBot.REPLY);
        assertThat(answer.getThreadRootId()).isNull();
    }

    @Test
    void theBotAnswersEachMessageOnceAndNeverItself() {
        Message first = send("Hello?");
        Message firstAnswer = awaitAnswerTo(first);
        Message second = send("Anyone there?");
        Message secondAnswer = awaitAnswerTo(second);

        // The bot handles a conversation's messages one at a time in sequence order, so had it
        // answered its first answer, that would have been sent before it handled the second
        // question: the history would not end like this.
        assertThat(history()).extracting(Message::getId)
                .containsExactly(first.getId(), firstAnswer.getId(), second.getId(), secondAnswer.getId());
    }

    @Test
    void theBotAnswersAThreadReplyInItsThread() {
        Message question = send("About invoice 42");
        awaitAnswerTo(question);
        Message followUp = support.messages().send(new MessageCreateRequest().body("It is still wrong")
                .replyToId(question.getId()));

        Message answer = await().atMost(WAIT).until(() -> alice.messages().one(question.getId())
                .replies(ReplyQuery.oldest(100)).getData().stream()
                .filter(m -> followUp.getId().equals(m.getQuotedMessageId())).findFirst(), Optional::isPresent).get();
        assertThat(answer.getSenderExternalId()).isEqualTo("support-bot");
        assertThat(answer.getThreadRootId()).isEqualTo(question.getId());
    }

    private Message send(String body) {
        return support.messages().send(new MessageCreateRequest().body(body));
    }

    /** The bot's answer quoting {@code question}, waited for at most 15 s. */
    private Message awaitAnswerTo(Message question) {
        return await().atMost(WAIT).until(() -> history().stream()
                .filter(m -> question.getId().equals(m.getQuotedMessageId())).findFirst(), Optional::isPresent).get();
    }

    /** The main feed's messages of people and bots (no system messages), oldest first. */
    private List<Message> history() {
        List<Message> messages = new ArrayList<>(support.messages().list(MessageQuery.newest(100)).getData());
        messages.removeIf(m -> m.getSenderId() == null);
        Collections.reverse(messages);
        return messages;
    }
}
