package vn.dvk.notification.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.dvk.kit.store.Slices;
import vn.dvk.notification.NotificationSettings;
import vn.dvk.notification.schedule.Batches;
import vn.dvk.notification.schedule.DispatchBatch;
import vn.dvk.notification.schedule.Notice;
import vn.dvk.notification.schedule.ReminderExpander;

/**
 * The replica's dispatch loop: claims a due batch, turns its reminders into notices, its notices into inbox items and
 * deliveries (and its waiting e-mails into daily digests), sends them with their outcomes published — and only then
 * records the reminders as sent and the batch as done. Whatever a crash interrupts is done again by whichever replica
 * claims the batch when its lease runs out, and everything it does is keyed so that doing it again changes nothing:
 * no message is lost and none reaches anyone twice, except that a crash can re-send the few messages a sender thread
 * had sent but not yet recorded (see {@link Deliveries}), each with the Message-ID it had the first time.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int CHUNK = 500;

    private final Batches batches;
    private final ReminderExpander expander;
    private final Deliveries deliveries;
    private final Digests digests;
    private final NotificationSettings settings;
    private final Timer batchTimer;
    /** Names the process (its pid) in the claims it holds, so an operator can tell whose lease a batch waits on. */
    private final String owner = "dispatcher-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    /** Sends the chunks' messages (over the sender threads) one chunk after another, in the order queued. */
    private final ExecutorService sending = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "notification-dispatch-sending");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;
    private Thread thread;

    Dispatcher(Batches batches, ReminderExpander expander, Deliveries deliveries, Digests digests,
            NotificationSettings settings, MeterRegistry meters) {
        this.batches = batches;
        this.expander = expander;
        this.deliveries = deliveries;
        this.digests = digests;
        this.settings = settings;
        this.batchTimer = Timer.builder("dvk.notification.batch.duration")
                .description("Time to dispatch one batch of reminders, notices or retries").register(meters);
        Gauge.builder("dvk.notification.reminders.due", batches, Batches::dueReminders)
                .description("Reminders whose time has come and that are not yet dispatched").register(meters);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "notification-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sending.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        long lastCleanup = 0;
        while (running) {
            try {
                Optional<DispatchBatch> batch = batches.claim(owner);
                if (batch.isPresent()) {
                    batchTimer.record(() -> process(batch.get()));
                    continue;
                }
                if (System.currentTimeMillis() - lastCleanup > Duration.ofHours(1).toMillis()) {
                    batches.forgetOld();
                    lastCleanup = System.currentTimeMillis();
                }
                batches.await(settings.dispatch().pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // The batch stays claimed until its lease runs out; then this or another replica takes it again.
                log.error("Dispatch failed; the batch will be taken up again after its lease", e);
                try {
                    batches.await(settings.dispatch().pollInterval());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Processes one claimed batch; it is marked done only when every part of it is settled.
     *
     * <p>Its reminders go a chunk at a time, pipelined: while the sender threads send one chunk's messages (waiting
     * on the SMTP server), this thread expands and fans out the next (waiting on the store) and queues it behind
     * the first, so the senders go straight from one chunk to the next; then it waits for the first chunk and
     * records its reminders as sent — only once all its deliveries are settled, as without the pipeline. At most two
     * chunks are on their way at once.
     */
    void process(DispatchBatch batch) {
        Lease lease = new Lease(batch);
        boolean settled = true;
        Deque<Sending> inFlight = new ArrayDeque<>();
        try {
            for (List<String> chunk : Slices.of(batch.reminderIds(), CHUNK)) {
                if (!running) {
                    return;
                }
                if (!lease.held()) {
                    log.info("Lost the claim on batch {}; another replica carries on", batch.id());
                    return;
                }
                ReminderExpander.Expansion expansion = expander.expand(chunk);
                Deliveries.FanOut fanOut = deliveries.fanOut(expansion.notices());
                inFlight.add(new Sending(sending.submit(() -> deliveries.send(fanOut, lease::held)),
                        expansion.outcomes()));
                if (inFlight.size() > 1) {
                    settled &= finish(inFlight.poll());
                }
            }
            while (!inFlight.isEmpty()) {
                settled &= finish(inFlight.poll());
            }
        } finally {
            // Left early (stopping, the lease lost, a failure): what is on its way still finishes, so nothing is
            // sent twice.
            for (Sending chunk : inFlight) {
                if (!chunk.work().isDone()) {
                    finish(chunk);
                }
            }
        }
        if (!batch.notices().isEmpty()) {
            settled &= deliver(batch.notices(), lease);
        }
        if (!batch.retryIds().isEmpty()) {
            settled &= deliveries.send(batch.retryIds(), Delivery.Status.RETRY, lease::held);
        }
        if (!batch.digestIds().isEmpty()) {
            settled &= digests.dispatch(batch.digestIds(), lease::held);
        }
        if (settled && running) {
            batches.done(batch);
        }
    }

    /** A chunk of reminders whose messages are being sent. */
    private record Sending(Future<Boolean> work, Map<String, ReminderExpander.Outcome> outcomes) {
    }

    /** Waits for a chunk's messages; records its reminders when none of them is left waiting (true then). */
    private boolean finish(Sending chunk) {
        boolean settled;
        try {
            settled = chunk.work().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        if (!settled) {
            return false;
        }
        expander.record(chunk.outcomes());
        return true;
    }

    /** Fans the notices out and sends what they made; true when none of it is left waiting. */
    private boolean deliver(List<Notice> notices, Lease lease) {
        return deliveries.send(deliveries.fanOut(notices), lease::held);
    }

    /**
     * This replica's claim on a batch while it works on it: renewed when a third of the lease has passed (asked
     * before every group of messages, by every sender thread), false once another replica has taken the batch.
     */
    private final class Lease {
        private final DispatchBatch batch;
        private long renewedAt = System.nanoTime();
        private boolean lost;

        Lease(DispatchBatch batch) {
            this.batch = batch;
        }

        synchronized boolean held() {
            if (!lost && System.nanoTime() - renewedAt > settings.dispatch().lease().toNanos() / 3) {
                lost = !batches.renew(batch);
                renewedAt = System.nanoTime();
            }
            return !lost;
        }
    }
}
