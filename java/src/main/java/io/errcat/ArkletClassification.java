package io.errcat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which two-level code a real Arklet or ModuleController answer means (the result of
 * {@link Errcat#classifyArklet(String, ArkletCall)}): a success, or the code with its catalog entry, the rule of
 * {@code catalog/koupleless-wire.toml} that decided, why, the catalog's retryability and what the answer showed.
 * Immutable.
 *
 * <pre>{@code
 * ArkletClassification c = Errcat.classifyArklet(body, ArkletCall.http("installBiz"));
 * c.code().get().code();                            // "Arklet.InstallationRequirementNotMet"
 * c.code().get().entry().meaning(Lang.ZH);          // the entry, as Errcat.lookup answers it
 * c.rule();                                         // "biz.repeat"
 * c.evidence().placeholder("bizName");              // Optional[dynamic-provider]
 * c.retryable();                                    // Optional[false]
 * }</pre>
 *
 * <p>For a composite answer ({@code batchInstallBiz}, {@code queryAllBiz}), {@link #results()} has one item per
 * entry, in the answer's order, each with its key and its own classification or the error saying why no rule knows
 * it; the answer's own code is its first failing entry's.
 */
public final class ArkletClassification {
    /** Whether the answer reports a success or a failure. */
    public enum Outcome {
        /** The operation succeeded (or, for an asynchronous one, has not failed). */
        SUCCESS,
        /** The operation failed: the classification names the code. */
        ERROR
    }

    private final Outcome outcome;
    private final Resolved code;
    private final String rule;
    private final String why;
    private final Boolean retryable;
    private final Evidence evidence;
    private final List<Item> results;

    /** Positions in the core's flat classification ({@code classify_flat}, bindings/README.md). */
    private static final int ITEM_KEY = 0;
    private static final int OUTCOME = 1;
    private static final int RULE = 2;
    private static final int WHY = 3;
    private static final int ITEM_ERROR = 4;
    private static final int EVIDENCE = 5;
    private static final int RESULTS = 6;
    private static final int ANSWER = 7;

    /**
     * From the core's flat classification ({@code classify_flat}): its members' values by position, the code as the
     * answer id of the table's {@link Resolved}, which holds the code's text, reporter, entry and retryability.
     */
    ArkletClassification(Object[] f) {
        this.outcome = "success".equals(f[OUTCOME]) ? Outcome.SUCCESS : Outcome.ERROR;
        Object answer = f[ANSWER];
        this.code = answer == null ? null : (Resolved) Answers.answer(answer);
        this.rule = (String) f[RULE];
        this.why = (String) f[WHY];
        this.retryable = code == null ? null : code.entry().retryable();
        this.evidence = new Evidence((Object[]) f[EVIDENCE]);
        Object[] items = (Object[]) f[RESULTS];
        if (items == null || items.length == 0) {
            this.results = Collections.emptyList();
        } else {
            List<Item> list = new ArrayList<>(items.length);
            for (Object item : items) {
                list.add(new Item((Object[]) item));
            }
            this.results = Collections.unmodifiableList(list);
        }
    }

    /**
     * Success or error.
     *
     * @return the outcome
     */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * Whether the answer reports a success.
     *
     * @return {@code true} for a success
     */
    public boolean isSuccess() {
        return outcome == Outcome.SUCCESS;
    }

    /**
     * The two-level code with its catalog entry: the same object {@link Errcat#lookup(String)} returns for it.
     *
     * @return the code, empty for a success
     */
    public Optional<Resolved> code() {
        return Optional.ofNullable(code);
    }

    /**
     * The reporter whose table holds the code: Arklet for what Arklet answered, ModuleController for its own
     * client's errors.
     *
     * @return the reporter, empty for a success
     */
    public Optional<Reporter> reporter() {
        return code == null ? Optional.<Reporter>empty() : Optional.of(code.reporter());
    }

    /**
     * The id of the rule that decided ({@code install.user-error}); for a composite answer, its first failing
     * entry's.
     *
     * @return the rule id
     */
    public String rule() {
        return rule;
    }

    /**
     * Why the rule's answers mean its code, in one sentence.
     *
     * @return the explanation
     */
    public String why() {
        return why;
    }

    /**
     * Whether the catalog says to retry.
     *
     * @return the code's retryability, empty for a success
     */
    public Optional<Boolean> retryable() {
        return Optional.ofNullable(retryable);
    }

    /**
     * What the answer showed, as the rule saw it.
     *
     * @return the evidence
     */
    public Evidence evidence() {
        return evidence;
    }

    /**
     * For a composite answer ({@code batchInstallBiz}, {@code queryAllBiz}): every entry, in the answer's order.
     *
     * @return the entries (unmodifiable), empty for any other answer
     */
    public List<Item> results() {
        return results;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ArkletClassification)) {
            return false;
        }
        ArkletClassification c = (ArkletClassification) o;
        return outcome == c.outcome && code == c.code && rule.equals(c.rule) && Objects.equals(retryable, c.retryable)
                && evidence.equals(c.evidence) && results.equals(c.results);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, code, rule, evidence, results);
    }

    /** {@code error Arklet.InstallBizFailed (install.fallback)} or {@code success (install.success)}. */
    @Override
    public String toString() {
        return (code == null ? "success" : "error " + code) + " (" + rule + ")";
    }

    /**
     * What an answer showed: the tunnel and shape, the envelope's and {@code data}'s codes and messages, the
     * failure text, the exception and the deepest cause with where it was thrown from, the stack trace's counts and
     * the values of the matched pattern's placeholders. Text is as received; what the answer did not have is empty.
     * Immutable.
     */
    public static final class Evidence {
        /** The members of the core's evidence object that are optional text, in its order. */
        private static final String[] TEXTS = {"key", "command", "envelope", "data_code", "message", "data_message",
            "state", "reason", "error", "exception", "exception_message", "cause", "cause_message", "cause_origin",
            "cause_frame"};
        /** Their positions in the core's flat evidence (its members' values in order). */
        private static final int[] AT = {0, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
        private static final int KEY = 0;
        private static final int COMMAND = 1;
        private static final int ENVELOPE = 2;
        private static final int DATA_CODE = 3;
        private static final int MESSAGE = 4;
        private static final int DATA_MESSAGE = 5;
        private static final int STATE = 6;
        private static final int REASON = 7;
        private static final int ERROR = 8;
        private static final int EXCEPTION = 9;
        private static final int EXCEPTION_MESSAGE = 10;
        private static final int CAUSE = 11;
        private static final int CAUSE_MESSAGE = 12;
        private static final int CAUSE_ORIGIN = 13;
        private static final int CAUSE_FRAME = 14;
        private static final int AT_TUNNEL = 1;
        private static final int AT_SHAPE = 2;
        private static final int AT_HTTP_STATUS = 4;
        private static final int AT_CAUSES = 18;
        private static final int AT_FRAMES = 19;
        private static final int AT_PLACEHOLDERS = 20;

        private final String tunnel;
        private final String shape;
        private final Integer httpStatus;
        private final String[] texts = new String[TEXTS.length];
        private final int causes;
        private final int frames;
        private final Map<String, String> placeholders;

        /** From the core's flat evidence: its members' values in order, the placeholders a map. */
        @SuppressWarnings("unchecked")
        Evidence(Object[] e) {
            this.tunnel = (String) e[AT_TUNNEL];
            this.shape = (String) e[AT_SHAPE];
            Object status = e[AT_HTTP_STATUS];
            this.httpStatus = status == null ? null : (int) Native.number(status);
            for (int i = 0; i < TEXTS.length; i++) {
                texts[i] = (String) e[AT[i]];
            }
            this.causes = (int) Native.number(e[AT_CAUSES]);
            this.frames = (int) Native.number(e[AT_FRAMES]);
            Map<String, String> values = (Map<String, String>) e[AT_PLACEHOLDERS]; // Native.Members, text values
            this.placeholders = values.isEmpty() ? Collections.<String, String>emptyMap()
                    : Collections.unmodifiableMap(values);
        }

        private Optional<String> text(int i) {
            return Optional.ofNullable(texts[i]);
        }

        /**
         * For an entry of a composite answer: its URL ({@code batchInstallBiz}) or {@code name:version}
         * ({@code queryAllBiz}).
         *
         * @return the key, empty for a whole answer
         */
        public Optional<String> key() {
            return text(KEY);
        }

        /**
         * The tunnel the answer came through.
         *
         * @return {@code http}, {@code mqtt} or {@code client}
         */
        public String tunnel() {
            return tunnel;
        }

        /**
         * What part of the answer was classified.
         *
         * @return {@code text}, {@code empty}, {@code envelope}, {@code batch-entry}, {@code biz-record} or
         *     {@code ops-record}
         */
        public String shape() {
            return shape;
        }

        /**
         * The command: the caller's, or the one an MQTT payload names ({@code installBiz}).
         *
         * @return the command, empty when unknown
         */
        public Optional<String> command() {
            return text(COMMAND);
        }

        /**
         * The HTTP status the caller gave.
         *
         * @return the status, empty when not given
         */
        public OptionalInt httpStatus() {
            return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
        }

        /**
         * The envelope code ({@code FAILED}, {@code CMD_PROCESS_INTERNAL_ERROR}).
         *
         * @return the code, empty when the answer has no envelope
         */
        public Optional<String> envelope() {
            return text(ENVELOPE);
        }

        /**
         * {@code data.code} ({@code REPEAT_BIZ}), or a batch entry's code.
         *
         * @return the code, empty when absent
         */
        public Optional<String> dataCode() {
            return text(DATA_CODE);
        }

        /**
         * The envelope's message, the plain text, or a record's message.
         *
         * @return the message, empty when absent
         */
        public Optional<String> message() {
            return text(MESSAGE);
        }

        /**
         * {@code data.message}, or a batch entry's message.
         *
         * @return the message, empty when absent
         */
        public Optional<String> dataMessage() {
            return text(DATA_MESSAGE);
        }

        /**
         * A biz's state or an operation's status.
         *
         * @return the state, empty when absent
         */
        public Optional<String> state() {
            return text(STATE);
        }

        /**
         * The reason of a biz's latest state record.
         *
         * @return the reason, empty when absent
         */
        public Optional<String> reason() {
            return text(REASON);
        }

        /**
         * The failure text (after {@code Internal Error: }, ...).
         *
         * @return the text, empty when there is no failure
         */
        public Optional<String> error() {
            return text(ERROR);
        }

        /**
         * The exception class the failure text names.
         *
         * @return the class name, empty when none is named
         */
        public Optional<String> exception() {
            return text(EXCEPTION);
        }

        /**
         * That exception's message.
         *
         * @return the message, empty when absent
         */
        public Optional<String> exceptionMessage() {
            return text(EXCEPTION_MESSAGE);
        }

        /**
         * The deepest cause's class (the last {@code Caused by:} of the stack trace).
         *
         * @return the class name, empty when unknown
         */
        public Optional<String> cause() {
            return text(CAUSE);
        }

        /**
         * The deepest cause's message.
         *
         * @return the message, empty when absent
         */
        public Optional<String> causeMessage() {
            return text(CAUSE_MESSAGE);
        }

        /**
         * Where the deepest cause was thrown from: {@code user} (the module's code), {@code framework}
         * ({@code com.alipay.sofa.ark.*}, {@code com.alipay.sofa.koupleless.*}), {@code platform} (the JDK and
         * libraries) or {@code unknown}.
         *
         * @return the origin, empty when there is no failure
         */
        public Optional<String> causeOrigin() {
            return text(CAUSE_ORIGIN);
        }

        /**
         * The frame the deepest cause was thrown from ({@code com.example.Service.init}).
         *
         * @return the frame, empty when the trace does not say
         */
        public Optional<String> causeFrame() {
            return text(CAUSE_FRAME);
        }

        /**
         * Throwables in the stack trace's main chain.
         *
         * @return the count, 0 without a trace
         */
        public int causes() {
            return causes;
        }

        /**
         * Frames in the stack trace.
         *
         * @return the count, 0 without a trace
         */
        public int frames() {
            return frames;
        }

        /**
         * The values of the matched patterns' placeholders, in pattern order ({@code bizName}, {@code bizVersion},
         * ...).
         *
         * @return name to value (unmodifiable, ordered; empty when the rule has none)
         */
        public Map<String, String> placeholders() {
            return placeholders;
        }

        /**
         * The value of one placeholder.
         *
         * @param name the placeholder ({@code bizName})
         * @return its value, empty when the rule did not capture it
         */
        public Optional<String> placeholder(String name) {
            return Optional.ofNullable(placeholders.get(name));
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Evidence)) {
                return false;
            }
            Evidence e = (Evidence) o;
            return tunnel.equals(e.tunnel) && shape.equals(e.shape) && Objects.equals(httpStatus, e.httpStatus)
                    && Arrays.equals(texts, e.texts) && causes == e.causes && frames == e.frames
                    && placeholders.equals(e.placeholders);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tunnel, shape, Arrays.hashCode(texts), causes, frames, placeholders);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("Evidence(").append(shape).append(" over ").append(tunnel);
            for (int i = 0; i < TEXTS.length; i++) {
                if (texts[i] != null) {
                    s.append(", ").append(TEXTS[i]).append('=').append(texts[i]);
                }
            }
            return s.append(", causes=").append(causes).append(", frames=").append(frames).append(", placeholders=")
                    .append(placeholders).append(')').toString();
        }
    }

    /**
     * One entry of a composite answer: its key and its classification, or the error saying why no rule knows it.
     * Immutable.
     */
    public static final class Item {
        private final String key;
        private final ArkletClassification classification;
        private final ErrorKind errorKind;
        private final String errorMessage;

        /** From the core's flat classification of an entry: its key, and its error or its classification. */
        Item(Object[] f) {
            this.key = (String) f[ITEM_KEY];
            Object[] error = (Object[]) f[ITEM_ERROR];
            if (error == null) {
                this.classification = new ArkletClassification(f);
                this.errorKind = null;
                this.errorMessage = null;
            } else {
                this.classification = null;
                this.errorKind = ErrorKind.fromName((String) error[0]);
                this.errorMessage = (String) error[1];
            }
        }

        /**
         * The entry's URL ({@code batchInstallBiz}) or {@code name:version} ({@code queryAllBiz}).
         *
         * @return the key
         */
        public String key() {
            return key;
        }

        /**
         * The entry's classification.
         *
         * @return the classification, empty when no rule knows the entry (see {@link #error()})
         */
        public Optional<ArkletClassification> classification() {
            return Optional.ofNullable(classification);
        }

        /**
         * Why no rule knows the entry: the error {@link Errcat#classifyArklet(String, ArkletCall)} would have thrown
         * for it alone ({@code NOT_FOUND} for a well-formed entry no rule classifies).
         *
         * @return a new exception each time, empty when the entry is classified
         */
        public Optional<ErrcatException> error() {
            return errorKind == null ? Optional.<ErrcatException>empty()
                    : Optional.of(new ErrcatException(errorKind, errorMessage));
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Item)) {
                return false;
            }
            Item i = (Item) o;
            return key.equals(i.key) && Objects.equals(classification, i.classification) && errorKind == i.errorKind
                    && Objects.equals(errorMessage, i.errorMessage);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, classification, errorKind, errorMessage);
        }

        @Override
        public String toString() {
            return key + ": " + (classification != null ? classification : "unclassified " + errorKind + ": "
                    + errorMessage);
        }
    }
}
