package dev.poolse.examples.backend;

import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.client.model.MessageType;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.PoolseException;
import dev.poolse.sdk.Subscription;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.ResumeFrom;
import dev.poolse.sdk.realtime.UserChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A support bot: the service-account {@link Poolse} bean of the starter
 * ({@code poolse.service-account.external-id=support-bot}) answers every message that someone else
 * sends in a conversation it is in, with {@value #REPLY} quoting that message.
 *
 * <p><b>Lifecycle.</b> {@link #start()} runs once the application is ready: it joins the bot's
 * user channel, whose {@code conversation:created} says when someone adds the bot to a
 * conversation, then watches the conversations it is already in. {@link #destroy()} runs when the
 * context closes, before the starter closes the {@code Poolse} bean: it closes the realtime client,
 * after which no listener runs.
 *
 * <p><b>Threading.</b> The SDK calls the listeners on its callback executor (the
 * {@code poolse-callback-*} threads), never on Netty's event loop, one at a time per channel and in
 * order. So a listener may block: {@link #answer} sends its reply with the blocking REST call,
 * which delays only the later events of that one conversation; other conversations are answered
 * meanwhile on other callback threads.
 *
 * <p><b>No loops.</b> The bot's own replies come back as {@code message:new} too; it skips every
 * message whose sender is itself, and system messages, which have no sender. Two bots that each
 * answer everything would still answer each other, and two instances of this application would
 * both answer every message: a real bot answers people only, and runs once.
 */
@Component
public class SupportBot implements DisposableBean {
    /** The bot's answer to every message. */
    public static final String REPLY = "Thanks for your message! A person from our team will reply soon.";

    private static final Logger LOG = LoggerFactory.getLogger(SupportBot.class);
    /** How long startup waits for the user channel, so that no conversation created later is missed. */
    private static final Duration JOIN_WAIT = Duration.ofSeconds(15);

    private final Poolse poolse;
    private final Set<UUID> watched = ConcurrentHashMap.newKeySet();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile UUID self;

    /**
     * Creates the bot; it does nothing until {@link #start()}.
     *
     * @param poolse the service-account client (the starter's bean)
     */
    public SupportBot(Poolse poolse) {
        this.poolse = poolse;
    }

    /**
     * Starts listening. Blocks until the bot's user channel is joined (at most 15 s), so that a
     * conversation created once the application is ready is never missed.
     *
     * @throws IllegalStateException when the user channel is not joined in time; the application
     *     then fails to start, so that a wrong URL or key is seen at once
     * @throws InterruptedException if interrupted while waiting
     */
    @EventListener(ApplicationReadyEvent.class)
    public void start() throws InterruptedException {
        self = poolse.me().show().getId();
        UserChannel inbox = poolse.realtime().user(self);
        subscriptions.add(inbox.onConversationCreated(this::watch));
        subscriptions.add(inbox.onError(e -> LOG.warn("Support bot: user channel problem: {}", e.toString())));
        try {
            inbox.joined().get(JOIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The support bot could not join its user channel", e);
        }
        // Listed after the join: a conversation created in between is in the list, in the event
        // stream, or in both (watch ignores the second).
        for (Conversation conversation : poolse.conversations().list().getData()) {
            watch(conversation);
        }
        LOG.info("Support bot {} is listening in {} conversation(s)", self, watched.size());
    }

    /**
     * Whether {@link #start()} has completed.
     *
     * @return {@code true} once the bot listens
     */
    public boolean isListening() {
        return self != null;
    }

    /**
     * Starts answering in a conversation, once: every main-feed message after the conversation's
     * newest one at this point, and every thread reply from the join on. For a conversation that
     * was just created that is all of its messages, including any sent before the join completes.
     */
    private void watch(Conversation conversation) {
        UUID id = conversation.getId();
        if (!watched.add(id)) {
            return;
        }
        Long last = conversation.getLastSequence();
        ConversationChannel channel = poolse.realtime().conversation(id, ResumeFrom.sequence(last == null ? 0 : last));
        subscriptions.add(channel.onError(e -> LOG.warn("Support bot: conversation {} problem: {}", id, e.toString())));
        subscriptions.add(channel.onMessage(this::answer));
    }

    /** Runs on a callback thread of the SDK; see the class documentation. */
    private void answer(Message message) {
        if (message.getSenderId() == null || message.getSenderId().equals(self)
                || message.getType() != MessageType.TEXT || message.getDeletedAt() != null) {
            return;
        }
        MessageCreateRequest reply = new MessageCreateRequest().body(REPLY).quotedMessageId(message.getId());
        if (message.getThreadRootId() != null) {
            reply.replyToId(message.getThreadRootId());   // answer a thread reply in its thread
        }
        try {
            poolse.conversations().one(message.getConversationId()).messages().send(reply);
        } catch (PoolseException | IllegalStateException e) {
            // A failed send after the SDK's retries, or the client closing during shutdown: this
            // message stays unanswered, the bot carries on.
            LOG.warn("Support bot: could not answer message {}: {}", message.getId(), e.toString());
        }
    }

    /**
     * Stops listening: closes the realtime client (socket and channels), waiting a bounded time for
     * a listener that is running. The starter closes the {@code Poolse} bean afterwards.
     */
    @Override
    public void destroy() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        poolse.realtime().close();
    }
}
