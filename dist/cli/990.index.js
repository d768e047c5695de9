export const id = 990;
export const ids = [990];
export const modules = {

/***/ 2431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VU: () => (/* binding */ DEFAULT_BACKOFF),
/* harmony export */   a6: () => (/* binding */ worstCaseMs),
/* harmony export */   qO: () => (/* binding */ retryDelayMs)
/* harmony export */ });
const DEFAULT_BACKOFF = {
    minMs: 1000,
    maxMs: 8000,
    retryAfterCapMs: 30_000,
    random: Math.random
};
/** The wait before retry number `retry` (1 for the first retry). */
function retryDelayMs(retry, retryAfterMs, backoff) {
    const exponential = Math.min(backoff.maxMs, backoff.minMs * 2 ** (retry - 1));
    const jittered = Math.round(exponential * (1 + backoff.random()));
    return Math.max(jittered, Math.min(retryAfterMs ?? 0, backoff.retryAfterCapMs));
}
/**
 * The longest one request can take, retries included: every attempt runs to its timeout, and
 * each wait is the longest jittered backoff (an attempt that gets a quick 429 instead waits at
 * most the Retry-After cap, which this covers while the cap is within timeout + backoff).
 */
function worstCaseMs(maxAttempts, timeoutMs, backoff) {
    let total = maxAttempts * timeoutMs;
    for (let retry = 1; retry < maxAttempts; retry++) {
        const longest = 2 * Math.min(backoff.maxMs, backoff.minMs * 2 ** (retry - 1));
        total += Math.max(longest, backoff.retryAfterCapMs - timeoutMs);
    }
    return total;
}


/***/ }),

/***/ 7990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  plainLines: () => (/* binding */ plainLines),
  run: () => (/* binding */ run)
});

;// CONCATENATED MODULE: ./src/plural.ts
/** "1 commit", "5 commits": a count with its noun. */
const plural = (n, noun) => `${n} ${noun}${Number(n) === 1 ? '' : 's'}`;

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/command.js
var lib_command = __webpack_require__(9635);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/summary.js
var summary = __webpack_require__(1170);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/utils.js
var utils = __webpack_require__(4679);
;// CONCATENATED MODULE: ./src/core.ts






function getInput(name, options) {
    const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options?.required && !value)
        throw new Error(`Input required and not supplied: ${name}`);
    return options?.trimWhitespace === false ? value : value.trim();
}
function getBooleanInput(name, options) {
    const value = getInput(name, options);
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
function setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT;
    if (file) {
        if (!existsSync(file))
            throw new Error(`Missing file at path: ${file}`);
        appendFileSync(file, keyValue(name, toCommandValue(value)) + EOL, 'utf8');
        return;
    }
    process.stdout.write(EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * @actions/core's heredoc, `name<<delimiter` … `delimiter`, with a delimiter that is not in the
 * name or the value. Its own file-command module draws the delimiter from node:crypto (≈ 5 ms of
 * every run's start-up) and throws on a clash; a delimiter checked against the text it encloses
 * cannot be forged by that text, however it was drawn, so a clash here draws another.
 */
function keyValue(name, value) {
    let delimiter;
    do {
        delimiter = `ghadelimiter_${randomHex()}`;
    } while (name.includes(delimiter) || value.includes(delimiter));
    return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`;
}
const randomHex = () => Array.from({ length: 4 }, () => Math.floor(Math.random() * 2 ** 32)
    .toString(16)
    .padStart(8, '0')).join('');
function setSecret(secret) {
    (0,lib_command/* issueCommand */.L)('add-mask', {}, secret);
}
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
const isDebug = () => process.env.RUNNER_DEBUG === '1';
function debug(message) {
    (0,lib_command/* issueCommand */.L)('debug', {}, message);
}
const annotation = (command) => (message, properties = {}) => (0,lib_command/* issueCommand */.L)(command, (0,utils/* toCommandProperties */.k)(properties), message instanceof Error ? message.toString() : message);
const error = annotation('error');
const warning = annotation('warning');
const notice = annotation('notice');
function info(message) {
    process.stdout.write(message + external_node_os_.EOL);
}
async function group(name, fn) {
    (0,lib_command/* issue */.s)('group', name);
    try {
        return await fn();
    }
    finally {
        (0,lib_command/* issue */.s)('endgroup');
    }
}

;// CONCATENATED MODULE: ./src/untrusted.ts

/**
 * The one boundary for text from outside (commit subjects, API bodies, GitHub error messages,
 * names in event payloads) on its way to a log line, an annotation or a summary cell. Every
 * message the action writes goes through here, its own included: escaping our own text is
 * harmless, and a sink that is always escaped cannot be forgotten.
 */
/** Secrets this process holds (the API key, the GitHub token), longest first. */
let secrets = [];
/**
 * Each secret as written, JSON-quoted and URL-encoded, in the order of `secrets`: made once
 * here, since every line the action writes is redacted (a summary of 1,000 commits is thousands).
 */
let untrusted_forms = [];
/** What a secret is replaced with wherever the project writes text. */
const REDACTED = '***';
/**
 * Registers a secret, and the token part of `Bearer <token>`, for redaction everywhere this
 * project writes text, and masks it in the runner's log (on other CIs nothing else would).
 */
function addSecret(secret) {
    const parts = [secret, /^\S+\s+(\S+)$/.exec(secret)?.[1]];
    for (const part of parts) {
        if (part === undefined)
            continue;
        setSecret(part);
        // A value this short would blank out ordinary words; no issued key is that short.
        if (part.length < 8 || secrets.includes(part))
            continue;
        secrets = [...secrets, part].sort((a, b) => b.length - a.length);
        untrusted_forms = secrets.flatMap((one) => [
            ...new Set([
                one,
                JSON.stringify(one).slice(1, -1),
                encodeURIComponent(one)
            ])
        ]);
    }
}
/**
 * The one redaction point: every registered secret replaced, also as JSON or a URL encodes it
 * (a server that echoes the Authorization header may quote it either way).
 */
function redact(text) {
    let out = text;
    for (const form of untrusted_forms)
        out = out.replaceAll(form, REDACTED);
    return out;
}
/** Longest log line or annotation we write; a 5 MB error page is not a message. */
const MAX_LINE = 4000;
// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const BREAKS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]+/g;
/** At most `max` characters, with an ellipsis when cut (never half a surrogate pair). */
function clip(text, max) {
    if (text.length <= max)
        return text;
    const cut = text.slice(0, max - 1);
    return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
/**
 * One line that the runner cannot read as a workflow command: no line breaks or controls, no
 * `::` at its start (the `::cmd::` form) and no `##[` anywhere (the legacy form, which the
 * runner finds anywhere in a line).
 */
function logLine(text, max = MAX_LINE) {
    return clip(redact(text)
        .replace(BREAKS, ' ')
        .replace(/##\[/g, '## [')
        .replace(/^(\s*):(?=:)/, '$1: '), max);
}
/** Text for a cell or line of the HTML job summary: one line, HTML-escaped. */
function summaryText(text, max = MAX_LINE) {
    return logLine(text, max).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
/**
 * Lines a CLI prints to stdout (a plan table, a result): secrets redacted, and each line safe
 * for a log that reads workflow commands, as logLine makes it; line breaks and tabs are kept.
 */
function printable(text) {
    // logLine keeps tabs: only line breaks need the split.
    return text
        .split('\n')
        .map((line) => logLine(line, Infinity))
        .join('\n');
}
// Characters JSON.stringify leaves as they are that a log would act on: DEL, C1, U+2028/9.
const JSON_RAW = /[\u007f-\u009f\u2028\u2029]/g;
/**
 * JSON for stdout (`--json`): strings redacted, every control character as a `\u` escape, and
 * `##[` written as `##\u005b`, so the text is the same once parsed but no log reads a command.
 */
function jsonText(value) {
    return JSON.stringify(value, (_key, v) => (typeof v === 'string' ? redact(v) : v), 2)
        .replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .replaceAll('##[', '##\\u005b');
}
/** The log and annotation calls of @actions/core, with every message through logLine. */
const untrusted_say = {
    info: (text) => info(logLine(text)),
    notice: (text, props) => notice(logLine(text), props),
    warning: (text, props) => warning(logLine(text), props),
    error: (text, props) => error(logLine(text), props),
    debug: (text) => debug(logLine(text)),
    setFailed: (text) => setFailed(logLine(text))
};

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/input-parsers.ts

/** Pure parsers for input values: each takes the raw string and names the input in its error. */
const show = (value) => JSON.stringify(value);
/** A full commit SHA (SHA-1 or SHA-256); anything else from outside is not trusted as one. */
const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;
function invalid(name, value, expected) {
    return new errors/* InputError */.dz(`Invalid '${name}': ${show(value)}. Expected ${expected}.`);
}
/** A value that is needed and missing: "required", never "invalid". */
function required(name, expected) {
    const named = name.startsWith('--') ? name : `Input '${name}'`;
    return new errors/* InputError */.dz(`${named} is required: ${expected}.`);
}
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
/** YAML 1.2 core-schema booleans, the same set as core.getBooleanInput, and nothing looser. */
function parseBoolean(name, raw) {
    const value = raw.trim();
    if (TRUE.includes(value))
        return true;
    if (FALSE.includes(value))
        return false;
    throw invalid(name, raw, '`true` or `false`');
}
function parseEnum(name, raw, allowed) {
    const value = raw.trim();
    const found = allowed.find((a) => a === value);
    if (found === undefined) {
        throw invalid(name, raw, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
    }
    return found;
}
function parseInteger(name, raw, min, max) {
    const value = raw.trim();
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
        throw invalid(name, raw, `a whole number from ${min} to ${max}`);
    }
    return n;
}
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;
/** How far ahead of this runner's clock a deployment time may be: clock skew between machines. */
const CLOCK_SKEW_MS = 5 * 60_000;
/**
 * Whether a deployment time (ms) lies in the future of `now`, beyond clock skew. One rule for the
 * live run and the backfill: a future deployedAt, once sent, skews Deploy Time for good.
 */
function isFuture(at, now) {
    return at > now + CLOCK_SKEW_MS;
}
/** What a future time is expected to be instead, for messages. */
function pastExpected(now) {
    return `a time that has passed (at most ${CLOCK_SKEW_MS / 60_000} minutes ahead of this machine's clock, ${new Date(now).toISOString()})`;
}
/**
 * An ISO 8601 date-time with a zone (`Z` or an offset), normalised to UTC with milliseconds.
 * A time without a zone is refused: the runner's clock zone is not the user's.
 */
function input_parsers_parseDeployedAt(name, raw, now = Infinity) {
    const value = raw.trim();
    const m = ISO_8601.exec(value);
    const expected = 'an ISO 8601 date-time with a zone, e.g. 2026-11-30T09:15:00Z or 2026-11-30T22:15:00+13:00';
    if (!m)
        throw invalid(name, raw, expected);
    const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
    const second = Number(m[6] ?? 0);
    const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
    const sign = m[9] === '-' ? -1 : 1;
    const offsetMinutes = m[8] ? 0 : sign * (Number(m[10]) * 60 + Number(m[11]));
    const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
    const check = new Date(local);
    const real = check.getUTCFullYear() === year &&
        check.getUTCMonth() === month - 1 &&
        check.getUTCDate() === day &&
        hour < 24 &&
        minute < 60 &&
        second < 60 &&
        Math.abs(offsetMinutes) <= 18 * 60;
    if (!real)
        throw invalid(name, raw, expected);
    const at = local - offsetMinutes * 60_000;
    if (isFuture(at, now))
        throw invalid(name, raw, pastExpected(now));
    return new Date(at).toISOString();
}
/** Comma- or newline-separated list: trimmed, empties dropped, duplicates removed in order. */
function parseList(raw, separators = /[,\n]/) {
    const items = raw
        .split(separators)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    return [...new Set(items)];
}
/** Newline-separated git pathspecs; a pathspec starting with `-` would be read as an option. */
function parsePaths(name, raw) {
    const paths = parseList(raw, /\r?\n/);
    const bad = paths.find((p) => p.startsWith('-'));
    if (bad !== undefined)
        throw invalid(name, bad, 'git pathspecs, one a line');
    return paths;
}

;// CONCATENATED MODULE: ./src/event-payload.ts
/**
 * What an event's payload says, read without trusting its shape: the commit it names, and what a
 * deployment platform or an upstream workflow says about the deployment.
 */

function event_payload_str(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function field(obj, key) {
    return typeof obj === 'object' && obj !== null
        ? obj[key]
        : undefined;
}
/** A commit SHA from a payload; anything else (an option, a ref name) is not trusted as one. */
function sha(value) {
    const s = event_payload_str(value);
    return s !== undefined && FULL_SHA.test(s) ? s.toLowerCase() : undefined;
}
function id(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
        ? value
        : undefined;
}
/** A payload time as deployedAt, or undefined when it is not a valid ISO 8601 time. */
function time(value) {
    const s = event_payload_str(value);
    try {
        return s === undefined ? undefined : parseDeployedAt('event time', s);
    }
    catch {
        return undefined;
    }
}
function event_payload_eventHead(eventName, payload) {
    switch (eventName) {
        case 'workflow_run':
            return { head: sha(field(payload.workflow_run, 'head_sha')) };
        case 'deployment':
        case 'deployment_status':
            return { head: sha(field(payload.deployment, 'sha')) };
        case 'merge_group':
            return {
                head: sha(field(payload.merge_group, 'head_sha')),
                warning: 'This run was triggered by merge_group: the merge queue has not deployed anything to production yet.'
            };
    }
    if (eventName.startsWith('pull_request')) {
        return {
            head: sha(field(field(payload.pull_request, 'head'), 'sha')),
            warning: `This run was triggered by ${eventName}: pull requests are not production deployments. Report from the workflow that deploys.`
        };
    }
    return {};
}
/** What a deployment platform or an upstream workflow says about the deployment. */
function event_payload_upstream(eventName, payload, repository) {
    const deployment = payload.deployment;
    switch (eventName) {
        case 'deployment_status':
            return fromDeploymentStatus(payload.deployment_status, deployment);
        case 'deployment':
            return {
                eventEnvironment: event_payload_str(field(deployment, 'environment')),
                eventDeploymentId: id(field(deployment, 'id'))
            };
        case 'workflow_run':
            return fromWorkflowRun(payload.workflow_run, repository);
        default:
            return {};
    }
}
/** A platform's status: deployed only on `success`, to the status's environment if it names one. */
function fromDeploymentStatus(status, deployment) {
    const state = event_payload_str(field(status, 'state')) ?? 'unknown';
    return {
        notDeployed: state === 'success'
            ? undefined
            : `the deployment status is '${state}', not 'success'`,
        eventEnvironment: event_payload_str(field(status, 'environment')) ??
            event_payload_str(field(deployment, 'environment')),
        eventDeploymentId: id(field(deployment, 'id')),
        eventTime: time(field(status, 'created_at'))
    };
}
/** An upstream workflow: deployed only when it succeeded, on this repository's own code. */
function fromWorkflowRun(run, repository) {
    const conclusion = event_payload_str(field(run, 'conclusion')) ?? 'none yet';
    return {
        notDeployed: conclusion === 'success'
            ? notFromThisRepository(run, repository)
            : `the workflow run that triggered this one concluded '${conclusion}', not 'success'`,
        eventTime: time(field(run, 'updated_at')),
        runId: id(field(run, 'id'))
    };
}
/** Events whose runs deploy nothing to production: a pull request's code, a merge queue's try. */
const UNDEPLOYED_EVENT = /^(pull_request.*|merge_group)$/;
/**
 * Why a successful workflow_run is not a production deployment: it ran for a pull request or a
 * merge queue, or on another repository's code. `branches:` filters match head_branch, which a
 * fork names as it likes, so the branch alone proves nothing.
 */
function notFromThisRepository(run, repository) {
    const event = event_payload_str(field(run, 'event')) ?? '';
    if (UNDEPLOYED_EVENT.test(event)) {
        return `the workflow run that triggered this one ran for a '${event}' event, which deploys nothing to production`;
    }
    const from = event_payload_str(field(field(run, 'head_repository'), 'full_name'));
    if (from === undefined ||
        repository === undefined ||
        from.toLowerCase() !== repository.toLowerCase()) {
        return `the workflow run that triggered this one ran on ${from === undefined ? 'code from an unnamed repository' : `code from ${from}`}, not from ${repository ?? 'this repository'}`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/context.ts

const ZERO_SHA = /^0+$/;
/** Events whose payload names no commit: the checkout is what gets deployed. */
const NO_COMMIT_EVENTS = new Set([
    'workflow_dispatch',
    'schedule',
    'repository_dispatch'
]);
function toRunContext(context) {
    const payload = context.payload;
    const { head, warning } = eventHead(context.eventName, payload);
    const repository = repositoryOf(context);
    const event = upstream(context.eventName, payload, repository);
    const isPush = context.eventName === 'push';
    const after = isPush ? str(payload.after) : undefined;
    return {
        eventName: context.eventName,
        sha: context.sha,
        ref: context.ref,
        repository,
        serverUrl: context.serverUrl,
        runId: context.runId,
        eventHead: head,
        eventWarning: warning,
        pushBefore: isPush ? pushBase(payload.before) : undefined,
        deletedRef: isPush &&
            (payload.deleted === true ||
                (after !== undefined && ZERO_SHA.test(after))),
        headFromCheckout: NO_COMMIT_EVENTS.has(context.eventName),
        notDeployed: event.notDeployed,
        eventEnvironment: event.eventEnvironment,
        eventDeploymentId: event.eventDeploymentId,
        eventTime: event.eventTime,
        ownRunIds: [context.runId, event.runId].filter((n) => n !== undefined)
    };
}
/** `before` of a push: a SHA, or undefined for a created branch (all zeros) or a bad value. */
function pushBase(before) {
    const s = sha(before);
    return s && !ZERO_SHA.test(s) ? s : undefined;
}
/** Why this run must not report to `environment`, or undefined when it should report. */
function skipReason(ctx, environment, headGiven) {
    if (ctx.deletedRef && !headGiven) {
        return `the push deleted ${ctx.ref}, so nothing was deployed`;
    }
    if (ctx.notDeployed)
        return ctx.notDeployed;
    const other = ctx.eventEnvironment;
    if (other !== undefined &&
        other.toLowerCase() !== environment.toLowerCase()) {
        return `the ${ctx.eventName} event is for environment '${other}', and this step reports '${environment}'`;
    }
    return undefined;
}
function repositoryOf(context) {
    try {
        const { owner, repo } = context.repo;
        return `${owner}/${repo}`;
    }
    catch {
        return undefined; // neither GITHUB_REPOSITORY nor a payload repository: a local run
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/input-text.ts




/**
 * Parsers for inputs that are text sent on or used as a name (free text, tags, git revisions and
 * patterns, the environment, the API's URL, a folder): each names the input in its error.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
function hasControlCharacters(text) {
    return CONTROL.test(text);
}
/**
 * Index of the first character an HTTP header value cannot carry as the key is sent (anything
 * but printable ASCII and the space of "Bearer <key>"), or -1.
 */
function headerUnsafeAt(text) {
    return text.search(/[^\x20-\x7e]/);
}
/**
 * A key or token as sent in an HTTP header. A bad character is named by position and code point,
 * never with the value.
 */
function checkSecret(name, value) {
    const bad = headerUnsafeAt(value);
    if (bad >= 0) {
        const code = value.codePointAt(bad) ?? 0;
        throw new errors/* InputError */.dz(`Invalid '${name}': character ${bad + 1} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) cannot be sent in an HTTP header, such as a line break, a zero-width space or a dash pasted from a document. Expected the key exactly as it was issued.`);
    }
    return value;
}
/** Free text: trimmed, no control characters, at most `max` characters; empty is undefined. */
function parseText(name, raw, max) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    if (CONTROL.test(value) || value.length > max) {
        throw invalid(name, value.length > max ? `${value.slice(0, 40)}…` : raw, `text of at most ${max} characters, on one line`);
    }
    return value;
}
/** Labels, comma- or newline-separated: at most `count`, each at most `max` characters. */
function parseTags(name, raw, count, max) {
    const tags = parseList(raw);
    const long = tags.find((t) => t.length > max || CONTROL.test(t));
    if (tags.length > count || long !== undefined) {
        throw invalid(name, long === undefined ? `${tags.length} tags` : `${long.slice(0, 40)}…`, `at most ${count} tags of at most ${max} characters each`);
    }
    return tags;
}
/** A glob for git (`tag-pattern`); never something git would read as an option. */
function parsePattern(name, raw) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    if (value.startsWith('-') || CONTROL.test(value)) {
        throw invalid(name, raw, "a glob such as 'v*' (not starting with '-')");
    }
    return value;
}
/** A commit SHA or ref name; never something git would read as an option. */
function parseRevision(name, raw) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    if (value.startsWith('-') || CONTROL.test(value) || /\s/.test(value)) {
        throw invalid(name, raw, 'a commit SHA, branch, tag or other git revision');
    }
    return value;
}
function parseEnvironment(name, raw) {
    const value = raw.trim();
    if (value === '')
        throw required(name, 'the name of the environment deployed to, e.g. `production`');
    if (CONTROL.test(value) || value.length > 255) {
        throw invalid(name, raw, 'the name of the environment deployed to (at most 255 characters), e.g. `production`');
    }
    return value;
}
const LOOPBACK = new Set(['localhost', '[::1]', '::1']);
/**
 * Literal loopback only: `localhost`, 127.0.0.0/8 and ::1. A name like `evil.localhost` would go
 * to the resolver, which may answer anything, so it does not count.
 */
function isLoopbackHost(hostname) {
    return LOOPBACK.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}
/** `https://`, or plain `http://` only to a loopback host; no credentials in the URL. */
function parseApiUrl(name, raw) {
    const expected = 'an https:// URL (http:// only for loopback hosts), without credentials';
    let url;
    try {
        url = new URL(raw.trim());
    }
    catch {
        throw invalid(name, raw, expected);
    }
    if (url.username !== '' || url.password !== '') {
        // The value may hold a secret: name the input, not the value.
        throw new errors/* InputError */.dz(`Invalid '${name}': it must not contain credentials. Pass the key in 'api-key'.`);
    }
    const secure = url.protocol === 'https:' ||
        (url.protocol === 'http:' && isLoopbackHost(url.hostname));
    if (!secure)
        throw invalid(name, raw, expected);
    return url;
}
/** A folder relative to `root` (the workspace), resolved to an absolute path that must exist. */
function parseWorkingDirectory(name, raw, root) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    const dir = external_node_path_default().resolve(root, value);
    if (CONTROL.test(value) ||
        !(0,external_node_fs_.statSync)(dir, { throwIfNoEntry: false })?.isDirectory()) {
        throw invalid(name, raw, `a folder of the workspace (${root}) that holds the checkout, such as the 'path' given to actions/checkout; ${dir} is not a folder`);
    }
    return dir;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/git/lines.ts
/** Feeds complete lines of a byte stream to `onLine`, however the chunks split them. */
function lineSplitter(onLine) {
    let rest = '';
    const emit = (line) => {
        const trimmed = line.trim();
        if (trimmed !== '')
            onLine(trimmed.toLowerCase());
    };
    return {
        push: (chunk) => {
            const text = rest + chunk.toString('latin1');
            const parts = text.split('\n');
            rest = parts.pop() ?? '';
            parts.forEach(emit);
        },
        end: () => {
            emit(rest);
            rest = '';
        }
    };
}
/** Non-empty lines, trimmed. */
function parseLines(text) {
    return text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
}
/** SHA-1 or SHA-256 object names, one a line, lowercased; anything else is ignored. */
function parseShaLines(text) {
    return parseLines(text)
        .map((l) => l.toLowerCase())
        .filter((l) => /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(l));
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/git/objects.ts

/** A revision must be one line of cat-file's input: one with a line break names nothing. */
const ONE_LINE = /^[^\n\r\0]+$/;
/**
 * Looks revisions up in one `git cat-file --batch`: each one's commit (tags peeled) with its
 * details, or undefined where it names no commit. Unlike rev-parse or log, an unknown revision
 * never fails the call, so any number of them cost one process.
 */
async function readCommits(run, revs) {
    const asked = revs.filter((rev) => ONE_LINE.test(rev));
    if (asked.length === 0)
        return revs.map(() => undefined);
    const chunks = [];
    // --buffer: without it git flushes after every object, and 1,000 commits cost ≈ 10 ms more.
    await run(['cat-file', '--batch', '--buffer'], {
        input: asked.map((rev) => `${rev}^{commit}\n`).join(''),
        onStdout: (chunk) => chunks.push(chunk)
    });
    const found = parseBatch(Buffer.concat(chunks));
    const byRev = new Map(asked.map((rev, i) => [rev, found[i]]));
    return revs.map((rev) => byRev.get(rev));
}
/**
 * Parses `git cat-file --batch` output: per object `<oid> <type> <size>`, then exactly size bytes
 * and a newline; `<name> missing` (or `ambiguous`) for a name that found none.
 */
function parseBatch(out) {
    // One latin1 string of the whole output (a character per byte, so its offsets are byte
    // offsets): searching it is several times faster than a Buffer call per line and object.
    const text = out.toString('latin1');
    const objects = [];
    let at = 0;
    while (at < text.length) {
        const eol = text.indexOf('\n', at);
        const header = text.slice(at, eol < 0 ? text.length : eol);
        at = eol < 0 ? text.length : eol + 1;
        const [oid, type, size] = header.split(' ');
        if (!/^\d+$/.test(size ?? '')) {
            objects.push(undefined);
            continue;
        }
        const end = Math.min(at + Number(size), text.length);
        objects.push(type === 'commit'
            ? commitAt(oid.toLowerCase(), { bytes: out, text, start: at, end })
            : undefined);
        at += Number(size) + 1;
    }
    return objects;
}
/**
 * A raw commit object as `git log --format=%an%x00%s` shows it: the author's name, and the first
 * paragraph of the message on one line, in UTF-8 whatever the commit's `encoding` header says.
 */
function parseCommitObject(sha, raw) {
    return commitAt(sha, {
        bytes: raw,
        text: raw.toString('latin1'),
        start: 0,
        end: raw.length
    });
}
function commitAt(sha, { bytes, text, start, end }) {
    const blank = text.indexOf('\n\n', start);
    const split = blank >= 0 && blank + 2 <= end ? blank : -1;
    const headers = text.slice(start, split < 0 ? end : split).split('\n');
    const header = (name) => headers.find((line) => line.startsWith(`${name} `))?.slice(name.length + 1);
    const decode = decoder(header('encoding'));
    const ident = decode(Buffer.from(header('author') ?? '', 'latin1'));
    const message = split < 0 ? '' : decode(bytes.subarray(split + 2, end));
    return {
        sha,
        author: ident.replace(/\s*<.*$/, ''),
        subject: subjectOf(message),
        parents: headers.filter((line) => line.startsWith('parent ')).length
    };
}
/** git's %s: leading blank lines skipped, then the lines up to a blank one, joined by spaces. */
function subjectOf(message) {
    const lines = message.split('\n').map((line) => line.trimEnd());
    const start = lines.findIndex((line) => line !== '');
    if (start < 0)
        return '';
    const end = lines.indexOf('', start);
    return lines
        .slice(start, end < 0 ? undefined : end)
        .join(' ')
        .trim();
}
function decoder(encoding = 'utf-8') {
    let decode = decoders.get(encoding);
    if (decode === undefined) {
        let textDecoder;
        try {
            textDecoder = new external_node_util_.TextDecoder(encoding);
        }
        catch {
            // An encoding Node does not know: read it as UTF-8, as git does for a commit without one.
            textDecoder = new external_node_util_.TextDecoder('utf-8');
        }
        decode = (bytes) => textDecoder.decode(bytes);
        decoders.set(encoding, decode);
    }
    return decode;
}
/** One decoder per encoding: making one per commit cost more than the decoding. */
const decoders = new Map();

;// CONCATENATED MODULE: ./src/git/run.ts

/**
 * @actions/exec and @actions/io, loaded on the first use: with them come child_process, assert
 * and the modules they pull in, which a run that stops at its inputs never needs (a few ms).
 */
const toolkit = async () => {
    const [exec, io] = await Promise.all([
        __webpack_require__.e(/* import() */ 955).then(__webpack_require__.bind(__webpack_require__, 1955)),
        __webpack_require__.e(/* import() */ 701).then(__webpack_require__.bind(__webpack_require__, 8701))
    ]);
    return { exec, io };
};
/**
 * Longer than 40 lines as a whole, short in its parts: the git binary is located once per PATH and
 * shared by every call, whose spawn, output caps and error are the one function returned.
 */
function createGitRunner(cwd) {
    // Found once per PATH: given a bare name, exec() searches every PATH directory on each call.
    let found;
    const locate = (path) => {
        if (found === undefined || found.path !== path)
            found = { path, git: toolkit().then(({ io }) => io.which('git', true)) };
        return found.git;
    };
    // Started now, so the search overlaps whatever the run does before its first git call.
    locate(process.env.PATH).catch(() => undefined);
    return async (args, options = {}) => {
        const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
        const stdout = [];
        const stderr = [];
        const exitCode = await locate(env.PATH)
            .then(async (git) => (await toolkit()).exec.exec(git, args, {
            cwd,
            env,
            silent: true,
            ignoreReturnCode: true,
            input: options.input === undefined
                ? undefined
                : Buffer.from(options.input),
            listeners: {
                stdout: options.onStdout ?? ((chunk) => stdout.push(chunk)),
                stderr: (chunk) => stderr.push(chunk)
            }
        }))
            .catch((error) => {
            // @actions/io's which() throws before spawning when git is not on PATH.
            if (/Unable to locate executable file/.test(String(error)))
                throw new errors/* GitNotFoundError */.IG();
            throw error;
        });
        const result = {
            exitCode,
            stdout: Buffer.concat(stdout).toString('utf8'),
            stderr: Buffer.concat(stderr).toString('utf8')
        };
        if (!(options.ok ?? [0]).includes(exitCode)) {
            throw new errors/* GitError */.XS(args, exitCode, result.stderr);
        }
        return result;
    };
}

;// CONCATENATED MODULE: ./src/git/tags.ts

const FORMAT = [
    '%(refname:strip=2)',
    '%(objectname)',
    '%(*objectname)',
    '%(taggerdate:iso-strict)',
    '%(committerdate:iso-strict)',
    '%(*committerdate:iso-strict)',
    '%(objecttype)',
    '%(*objecttype)'
].join('%00');
/** Tags matching a glob (`refs/tags/<pattern>`), with the dates a backfill needs. */
async function tags(run, pattern) {
    const r = await run([
        'for-each-ref',
        `--format=${FORMAT}`,
        '--end-of-options',
        `refs/tags/${pattern}`
    ]);
    const refs = parseLines(r.stdout).map(tagOf);
    await peelNested(run, refs.filter((t) => t.commitType === 'tag'));
    return refs;
}
/** One line of FORMAT. */
function tagOf(line) {
    const [name, object, peeled, taggerDate, committerDate, peeledDate, type, peeledType] = line.split('\0');
    return {
        name,
        object: object.toLowerCase(),
        peeled: peeled ? peeled.toLowerCase() : undefined,
        commitType: peeledType || type,
        taggerDate,
        committerDate,
        peeledDate
    };
}
/** for-each-ref peels one level (before git 2.44): a tag of a tag is peeled here, in one call. */
async function peelNested(run, nested) {
    if (nested.length === 0)
        return;
    const peeled = await run(['cat-file', '--buffer', '--batch-check=%(objectname) %(objecttype)'], { input: nested.map((t) => `refs/tags/${t.name}^{commit}\n`).join('') });
    for (const [i, line] of parseLines(peeled.stdout).entries()) {
        const [sha, type] = line.split(' ');
        if (type === 'commit' && nested[i]) {
            nested[i].peeled = sha.toLowerCase();
            nested[i].commitType = 'commit';
        }
    }
}
/** The nearest tag matching `pattern` that is an ancestor of head and not on head itself. */
async function nearestTag(run, head, pattern) {
    const onHead = await run([
        'tag',
        '--points-at',
        head,
        '--list',
        '--end-of-options',
        pattern
    ]);
    const exclude = parseLines(onHead.stdout).flatMap((t) => [
        '--exclude',
        escapeGlob(t)
    ]);
    const r = await run([
        'describe',
        '--tags',
        '--abbrev=0',
        '--match',
        pattern,
        ...exclude,
        '--end-of-options',
        head
    ], { ok: [0, 128] });
    return r.exitCode === 0 ? r.stdout.trim() : undefined;
}
function escapeGlob(text) {
    return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

;// CONCATENATED MODULE: ./src/git/walk.ts

/**
 * The range walk: `git rev-list base..head` (or all of head without base), streamed, so a range
 * of any size is read in one pass without holding git's whole output.
 */
async function revList(run, base, head, { limit, paths = [], shallow }) {
    const shas = [];
    let total = 0;
    let crossesShallowBoundary = false;
    let reachesBase = false;
    const lines = lineSplitter((line) => {
        if (line.startsWith('-')) {
            reachesBase ||= line.slice(1) === base;
            return;
        }
        total++;
        if (shas.length < limit)
            shas.push(line);
        if (shallow?.has(line))
            crossesShallowBoundary = true;
    });
    const range = base === undefined ? [head] : [head, `^${base}`];
    const args = paths.length > 0
        ? ['--full-history', '--end-of-options', ...range, '--', ...paths]
        : ['--boundary', '--end-of-options', ...range];
    await run(['rev-list', ...args], { onStdout: lines.push });
    lines.end();
    return {
        shas,
        total,
        crossesShallowBoundary,
        reachesBase: paths.length > 0 ? undefined : reachesBase
    };
}

;// CONCATENATED MODULE: ./src/git/client.ts







const FETCH = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules'];
/**
 * The repository operations. Whether the clone is shallow is read in the same call as every
 * resolveCommit and kept until a fetch changes it; commit details read once are kept. Longer than
 * 40 lines as a whole, short in its parts: one closure holds what the operations share (the runner,
 * the shallow flag, the details read), and each operation is a few lines.
 */
function createGitClient(cwd = process.cwd()) {
    const run = createGitRunner(cwd);
    let shallow;
    const details = new Map();
    const client = {
        dir: cwd,
        async resolveCommit(rev) {
            const r = await run([
                'rev-parse',
                '--is-shallow-repository',
                '--verify',
                '--quiet',
                '--end-of-options',
                `${rev}^{commit}`
            ], { ok: [0, 1] });
            const [isShallow, sha] = parseLines(r.stdout);
            shallow = isShallow === 'true';
            return r.exitCode === 0 ? sha.toLowerCase() : undefined;
        },
        async resolveCommits(revs) {
            const found = await readCommits(run, revs);
            for (const commit of found)
                if (commit)
                    details.set(commit.sha, commit);
            return found.map((commit) => commit?.sha);
        },
        async isShallow() {
            if (shallow === undefined) {
                const r = await run(['rev-parse', '--is-shallow-repository']);
                shallow = r.stdout.trim() === 'true';
            }
            return shallow;
        },
        async shallowCommits() {
            const r = await run(['rev-parse', '--git-path', 'shallow']);
            const file = external_node_path_.resolve(cwd, r.stdout.trim());
            const text = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
            return new Set(parseShaLines(text));
        },
        async isAncestor(ancestor, descendant) {
            const r = await run([
                'merge-base',
                '--is-ancestor',
                '--end-of-options',
                ancestor,
                descendant
            ], { ok: [0, 1] });
            return r.exitCode === 0;
        },
        async mergeBase(a, b) {
            const r = await run(['merge-base', '--end-of-options', a, b], {
                ok: [0, 1]
            });
            return r.exitCode === 0 ? r.stdout.trim() : undefined;
        },
        revList: (base, head, options) => revList(run, base, head, options),
        async fetchRef(ref, options) {
            const depth = options.shallow ? ['--depth=1'] : [];
            shallow = undefined;
            const r = await run([...FETCH, ...depth, '--end-of-options', 'origin', ref], { ok: [0, 1, 128] });
            return r.exitCode === 0 ? client.resolveCommit('FETCH_HEAD') : undefined;
        },
        async hasOrigin() {
            const r = await run(['config', '--get', 'remote.origin.url'], {
                ok: [0, 1]
            });
            return r.exitCode === 0;
        },
        async deepen(by, revs) {
            const args = [...FETCH, `--deepen=${by}`, '--end-of-options', 'origin'];
            shallow = undefined;
            const r = await run([...args, ...revs], { ok: [0, 1, 128] });
            // A server that refuses SHA wants still deepens the configured refs.
            if (r.exitCode !== 0)
                await run(args);
        },
        nearestTag: (head, pattern) => nearestTag(run, head, pattern),
        async commitDetails(shas) {
            const unknown = shas.filter((sha) => !details.has(sha));
            if (unknown.length > 0)
                await client.resolveCommits(unknown);
            return shas.flatMap((sha) => details.get(sha) ?? []);
        },
        tags: (pattern) => tags(run, pattern),
        async presentCommits(shas) {
            if (shas.length === 0)
                return new Set();
            const r = await run(['cat-file', '--buffer', '--batch-check=%(objectname) %(objecttype)'], { input: shas.join('\n') + '\n' });
            return new Set(parseLines(r.stdout)
                .map((line) => line.split(' '))
                .filter(([, type]) => type === 'commit')
                .map(([sha]) => sha.toLowerCase()));
        }
    };
    return client;
}

// EXTERNAL MODULE: ./src/github/api.ts
var api = __webpack_require__(8943);
// EXTERNAL MODULE: ./src/github/bounds.ts
var bounds = __webpack_require__(6602);
// EXTERNAL MODULE: ./src/http.ts + 1 modules
var http = __webpack_require__(2011);
// EXTERNAL MODULE: ./node_modules/p-retry/index.js + 1 modules
var p_retry = __webpack_require__(4995);
// EXTERNAL MODULE: ./src/backoff.ts
var src_backoff = __webpack_require__(2431);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/deployment.ts
function buildPayload(inputs, commitShas, deployedAt) {
    const payload = {
        commitSha: [...new Set(commitShas.map((s) => s.toLowerCase()))],
        environmentName: inputs.environment,
        deployedAt
    };
    if (inputs.title !== undefined)
        payload.title = inputs.title;
    if (inputs.tags.length > 0)
        payload.tags = [...inputs.tags];
    if (inputs.isTest)
        payload.isTest = true;
    // Frozen, so the JSON kept by payloadJson always says what the payload says.
    Object.freeze(payload.commitSha);
    if (payload.tags)
        Object.freeze(payload.tags);
    return Object.freeze(payload);
}
const texts = new WeakMap();
/**
 * The payload as JSON, built once: at 100,000 commits it is 4 MB, and the POST, the payload-file
 * and the payload output each want it.
 */
function deployment_payloadJson(payload) {
    let text = texts.get(payload);
    if (text === undefined) {
        text = JSON.stringify(payload);
        texts.set(payload, text);
    }
    return text;
}

// EXTERNAL MODULE: ./src/http-response.ts
var http_response = __webpack_require__(3239);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/multitudes/limits.ts
var limits = __webpack_require__(4364);
;// CONCATENATED MODULE: ./src/multitudes/failures.ts
/**
 * The ways a request to Multitudes fails, each with the message a user reads: a failure worth
 * another attempt, the record found to hold the deployment, an outage, an unknown outcome and a
 * rejection.
 */




/** An attempt that may succeed if tried again. */
class TransientFailure extends Error {
    status;
    body;
    requestId;
    retryAfterMs;
    /** The server may have recorded the request: check the record before sending it again. */
    ambiguous;
    constructor(message, details) {
        super(message);
        this.status = details.status;
        this.body = details.body ?? '';
        this.requestId = details.requestId;
        this.retryAfterMs = details.retryAfterMs;
        this.ambiguous = details.ambiguous;
    }
}
/** The record holds the deployment after all: stops the retries with a success. */
class FoundInRecord extends Error {
    failure;
    deployedAt;
    constructor(failure, deployedAt) {
        super('found in the record');
        this.failure = failure;
        this.deployedAt = deployedAt;
    }
    /** The run's answer: the last failure's details, and the record's word that it is recorded. */
    answer(attempts) {
        return {
            status: this.failure.status ?? 0,
            body: this.failure.body,
            complete: true,
            requestId: this.failure.requestId,
            attempts,
            foundInRecord: this.deployedAt
        };
    }
}
/**
 * Failures where the request never reached a server that could act on it: nothing was recorded,
 * so sending again is safe. Anything else (a timeout, a reset, a 5xx) may have been recorded.
 */
const NEVER_DELIVERED = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'UND_ERR_CONNECT_TIMEOUT',
    // A proxy that refused the tunnel.
    'UND_ERR_ABORTED',
    // TLS that failed before any byte of the request was sent.
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID'
]);
function networkFailure(error, host, timeoutMs) {
    if (error?.name === 'TimeoutError') {
        return {
            message: `no answer from ${host} within ${timeoutMs / 1000} s`,
            code: undefined
        };
    }
    const { detail, code } = (0,errors/* connectionFailure */.Dx)(error);
    return { message: `could not connect to ${host}: ${detail}`, code };
}
/** A failure after which nobody can say whether the deployment was recorded. */
function unknownOutcome(failure, attempts, why) {
    return new errors/* ApiError */.hD(`Whether Multitudes recorded the deployment is unknown: attempt ${attempts} failed (${failure.message}) after the request may have reached it, and its record could not be read (${why}). It was not sent again, so it cannot be recorded twice.`, {
        status: failure.status,
        body: failure.body,
        requestId: failure.requestId,
        attempts,
        unknown: true
    });
}
/** Every attempt failed. `checked`: the record was read after an ambiguous last failure. */
function outage(failure, attempts, checked) {
    const tries = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
    const id = failure.requestId ? ` Request id: ${failure.requestId}.` : '';
    const unsure = failure.ambiguous && !checked;
    const message = (failure.status === undefined
        ? `The Multitudes API could not be reached ${tries}: ${failure.message}.`
        : `The Multitudes API answered ${failure.status} ${tries}.${id} If this persists, contact support@multitudes.com${failure.requestId ? ' with the request id' : ''}.`) +
        (unsure
            ? ' The last attempt may have reached it all the same, and its record was not read (record-check is off).'
            : '');
    return new errors/* ApiError */.hD(message, {
        status: failure.status,
        body: failure.body,
        requestId: failure.requestId,
        attempts,
        unknown: unsure
    });
}
/** The first few rejected fields, and how many more: a 400 may list a thousand. */
function fieldList(fields) {
    const named = fields
        .slice(0, 5)
        .map((f) => `'${clip(f.field, 100)}' ${clip(f.message, 200)}`);
    const more = fields.length - named.length;
    return named.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
function rejection(status, body, requestId, attempts, headers, verb) {
    const fields = status === 400 ? (0,http_response/* fieldProblemsOf */.Me)(body) : [];
    const snippet = body.trim().slice(0, 500);
    const kept = body.slice(0, limits/* BODY_LIMIT */.Th);
    const messages = {
        400: `Multitudes rejected the deployment as invalid (400)${fields.length ? `: ${fieldList(fields)}` : snippet ? `: ${snippet}` : ''}.`,
        401: `Multitudes rejected the API key (401 Unauthorized). Check that the secret passed as 'api-key' holds the whole key (it is shown only once, when generated) and that it has not been revoked.`,
        403: `The API key may not ${verb} deployments (403 Forbidden). Check that it is an Organization key with the Deployments write scope, for the right organisation, and not revoked.`,
        404: `Nothing answers at this 'api-url' (404). Check 'api-url'; the default is https://integrations.multitudes.co/deployment.`,
        413: `The deployment is too large for the API (413). Lower 'max-commits'.`
    };
    const redirect = status >= 300 && status < 400
        ? `The API redirected (${status}) to ${headers.get('location') ?? 'another address'}. Set 'api-url' to the final address.`
        : undefined;
    const message = messages[status] ??
        redirect ??
        `Multitudes answered ${status}${snippet ? `: ${snippet}` : ''}.`;
    return new errors/* ApiError */.hD(message, {
        status,
        body: kept,
        requestId,
        attempts,
        fields
    });
}

;// CONCATENATED MODULE: ./src/multitudes/attempt.ts
/**
 * One request to Multitudes, judged: an answer, a failure worth another attempt, or a rejection.
 */





/** A GET when `body` is undefined, a POST of `body` otherwise. */
async function attempt(config, target, body, attemptNumber, stop) {
    const response = await request(config, target, body, stop);
    // The status line is the answer. A 2xx means the deployment is recorded, so its body gets a
    // short deadline of its own and is never a reason to POST again.
    const status = response.status;
    const accepted = status >= 200 && status < 300;
    // GET pages and 400s are read whole enough to parse (a 400 may list a thousand fields);
    // what is kept for outputs and messages is BODY_LIMIT.
    const read = await (0,http_response/* readBodyText */.mf)(response, body === undefined ? limits/* GET_BODY_LIMIT */.yK : limits/* PARSE_LIMIT */.W8, accepted ? Math.min(limits/* BODY_DEADLINE_MS */.zC, config.timeoutMs) : config.timeoutMs);
    const text = body === undefined ? read.text : read.text.slice(0, limits/* BODY_LIMIT */.Th);
    const requestId = (0,http_response/* requestIdOf */.Gb)(response.headers, read.text);
    const answer = { response, read, text, requestId };
    if (!accepted)
        throw failure(config, answer, body !== undefined, attemptNumber);
    warnOfOddSuccess(config, status, read, body !== undefined);
    return {
        status,
        body: text,
        complete: read.complete,
        requestId,
        attempts: attemptNumber
    };
}
/** A refusal: transient (worth another attempt) for 408, 429 and a 5xx, a rejection otherwise. */
function failure(config, { response, read, text, requestId }, post, attemptNumber) {
    const { status, headers } = response;
    if (status === 408 || status === 429 || status >= 500) {
        return new TransientFailure(`${config.host} answered ${status}`, {
            status,
            body: text,
            requestId,
            retryAfterMs: (0,http_response/* retryAfterMs */.Vs)(headers.get('retry-after')),
            // 408 and 429 say the request was not taken; a 5xx may come after it was stored.
            ambiguous: post && status >= 500
        });
    }
    return rejection(status, read.text, requestId, attemptNumber, headers, post ? 'report' : 'read');
}
async function request({ fetch, apiKey, timeoutMs, route }, target, body, stop) {
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
        return await fetch(target, {
            method: body === undefined ? 'GET' : 'POST',
            headers: {
                'Content-Type': 'application/json',
                Accept: 'application/json',
                // As the vendor's examples send it; a "Bearer …" value is sent as given.
                Authorization: apiKey,
                'User-Agent': `${version/* ACTION_NAME */.p}/${version/* ACTION_VERSION */.Y}`
            },
            body,
            redirect: 'manual',
            signal: stop ? AbortSignal.any([deadline, stop]) : deadline
        });
    }
    catch (error) {
        if (error instanceof errors/* ProxyError */.T6)
            throw error;
        const { message, code } = networkFailure(error, route, timeoutMs);
        // Only a POST can have been recorded; a GET changes nothing.
        throw new TransientFailure(message, {
            ambiguous: body !== undefined && !NEVER_DELIVERED.has(code ?? '')
        });
    }
}
/** A POST's 2xx is a success however it looks; what looks odd is said. */
function warnOfOddSuccess({ host, log }, status, read, posted) {
    if (!posted)
        return;
    if (!read.complete) {
        log(`The ${status} answer's body did not arrive whole; the deployment is recorded all the same (the status line says so).`);
    }
    if (status !== 201) {
        log(`${host} answered ${status} instead of 201 Created; any 2xx means the deployment was accepted, so it is reported.`);
    }
}

;// CONCATENATED MODULE: ./src/multitudes-client.ts






/** Reads the record after an ambiguous failure; throws to stop when it may not be sent again. */
async function settle(error, checkRecord, attempts) {
    if (!checkRecord || !error.ambiguous)
        return;
    const found = await checkRecord();
    if (found.state === 'recorded')
        throw new FoundInRecord(error, found.deployedAt);
    if (found.state === 'unknown')
        throw unknownOutcome(error, attempts, found.why);
}
/** The end of a call whose attempts failed: the record's word that it is there, or the error. */
function afterRetries(error, attempts, checkedRecord, log) {
    if (error instanceof FoundInRecord) {
        log(`Attempt ${attempts} failed (${error.failure.message}), but Multitudes' record holds the deployment (deployedAt ${error.deployedAt}): it is recorded, and not sent again.`);
        return error.answer(attempts);
    }
    if (error instanceof TransientFailure)
        throw outage(error, attempts, checkedRecord);
    throw error;
}
/**
 * The Deployments API's calls. Longer than 40 lines as a whole, short in its parts: one closure
 * holds what every call shares (the URL, the key, the attempt settings), and each call is its own
 * function.
 */
function createMultitudesClient(options) {
    const { url, apiKey, timeoutMs, maxAttempts, fetch: fetchImpl = globalThis.fetch, proxy, sleep = (ms) => (0,external_node_timers_promises_.setTimeout)(ms), log = () => undefined } = options;
    const host = url.host;
    const config = {
        fetch: fetchImpl,
        apiKey,
        timeoutMs,
        host,
        // Named in connection messages: "could not connect to <host> through the proxy <url>".
        route: proxy ? `${host} through the proxy ${proxy}` : host,
        log
    };
    const backoff = { ...src_backoff/* DEFAULT_BACKOFF */.VU, ...options.backoff };
    /**
     * One request with retries for transient failures only; the body is the same every time. A
     * POST that failed ambiguously is sent again only when `checkRecord` finds it absent.
     */
    async function send(target, body, { checkRecord, signal } = {}) {
        let attempts = 0;
        try {
            return await (0,p_retry/* default */.Ay)(() => attempt(config, target, body, ++attempts, signal), {
                retries: maxAttempts - 1,
                minTimeout: 0, // the wait happens in onFailedAttempt, where it can honour Retry-After
                signal,
                shouldRetry: ({ error }) => error instanceof TransientFailure,
                onFailedAttempt: async ({ error, retriesLeft }) => {
                    if (!(error instanceof TransientFailure))
                        return;
                    await settle(error, checkRecord, attempts);
                    if (retriesLeft === 0 || signal?.aborted)
                        return;
                    const wait = (0,src_backoff/* retryDelayMs */.qO)(attempts, error.retryAfterMs, backoff);
                    log(`Attempt ${attempts} of ${maxAttempts} failed: ${error.message}. Retrying in ${(wait / 1000).toFixed(1)} s.`);
                    await sleep(wait);
                }
            });
        }
        catch (error) {
            return afterRetries(error, attempts, checkRecord !== undefined, log);
        }
    }
    return {
        worstCaseMs: (0,src_backoff/* worstCaseMs */.a6)(maxAttempts, timeoutMs, backoff),
        postDeployment: (payload, options) => send(url, deployment_payloadJson(payload), options),
        listDeployments: (page, pageSize, { includeTests = true, signal } = {}) => {
            const target = new URL(url);
            target.search = new URLSearchParams({
                page: String(page),
                pageSize: String(pageSize),
                includeTests: String(includeTests)
            }).toString();
            return send(target, undefined, { signal });
        }
    };
}

;// CONCATENATED MODULE: ./src/record/reader.ts

/** How much of the record one run reads at most. Stated in the README; measured in the bench. */
const RECORD_BOUNDS = { maxPages: 10, maxMs: 10_000 };
/** The API's largest page. */
const RECORD_PAGE_SIZE = 100;
/**
 * Multitudes' record, read a page at a time and only as far as asked. Longer than 40 lines as a
 * whole, short in its parts: one closure holds the pages read, the deadline and what was told,
 * which its methods share.
 */
function createRecord(client, { includeTests, maxPages = RECORD_BOUNDS.maxPages, maxMs = RECORD_BOUNDS.maxMs, warn }) {
    const pages = [];
    let ended = false;
    let unreadable;
    let told = false;
    let deadline;
    /** The next page, or undefined when there is none to read (end, bound, or unreadable). */
    async function nextPage() {
        if (ended)
            return undefined;
        if (pages.length >= maxPages) {
            ended = true;
            return undefined;
        }
        deadline ??= AbortSignal.timeout(maxMs);
        const page = pages.length + 1;
        try {
            if (deadline.aborted)
                throw new Error(`${maxMs / 1000} s passed`);
            const answer = await client.listDeployments(page, RECORD_PAGE_SIZE, {
                includeTests,
                signal: deadline
            });
            const items = answer.complete ? deploymentsOf(answer.body) : undefined;
            if (items === undefined) {
                throw new Error(`page ${page} is not a list of deployments (${answer.complete ? 'not JSON, or no list in it' : 'the body broke, stalled or passed its size limit'})`);
            }
            const records = items.flatMap(toRecorded);
            pages.push(records);
            if (items.length < RECORD_PAGE_SIZE)
                ended = true;
            return records;
        }
        catch (error) {
            ended = true;
            unreadable = deadline.aborted
                ? `no whole page within ${maxMs / 1000} s`
                : (0,errors/* errorMessage */.gJ)(error);
            return undefined;
        }
    }
    /** The page being read: a prefetch and a scan wait for the same request. */
    let reading;
    const next = () => (reading ??= nextPage().finally(() => {
        reading = undefined;
    }));
    return {
        get unreadable() {
            return unreadable;
        },
        prefetch() {
            if (pages.length === 0)
                void next();
        },
        async scan(environment, enough) {
            const wanted = environment.toLowerCase();
            const read = [];
            for (let i = 0;; i++) {
                const page = pages[i] ?? (await next());
                if (page === undefined)
                    break;
                read.push(...page.filter((r) => r.environment.toLowerCase() === wanted));
                read.sort((a, b) => b.time - a.time);
                if (await enough(read))
                    break;
            }
            // Told by the scan that meets it, not by a prefetch: a run that fails first says nothing.
            if (unreadable !== undefined && !told) {
                told = true;
                warn(`Multitudes' record could not be read (${unreadable}); going on as if it held no more deployments. A key with the Deployments read scope lets the run check what was already sent.`);
            }
            return read;
        }
    };
}
/**
 * Deployments in a GET response: a top-level array, or one under a usual key. Undefined when the
 * body is not JSON or holds no list: a page that cannot be read must never read as "absent".
 */
function deploymentsOf(body) {
    let json;
    try {
        json = JSON.parse(body);
    }
    catch {
        return undefined;
    }
    const list = Array.isArray(json)
        ? json
        : ['deployments', 'data', 'items', 'results']
            .map((key) => json?.[key])
            .find(Array.isArray);
    return list?.filter((item) => typeof item === 'object' && item !== null);
}
const SHA = /^[0-9a-f]{7,64}$/;
/** A listed deployment with the fields a comparison needs; anything else is passed over. */
function toRecorded(item) {
    const raw = typeof item.commitSha === 'string' ? [item.commitSha] : item.commitSha;
    if (!Array.isArray(raw) || typeof item.environmentName !== 'string')
        return [];
    const shas = raw.map((s) => String(s).toLowerCase());
    const time = typeof item.deployedAt === 'string' ? Date.parse(item.deployedAt) : NaN;
    if (shas.length === 0 ||
        !shas.every((s) => SHA.test(s)) ||
        Number.isNaN(time))
        return [];
    return [
        {
            shas,
            environment: item.environmentName,
            deployedAt: new Date(time).toISOString(),
            time,
            isTest: item.isTest === true
        }
    ];
}

;// CONCATENATED MODULE: ./src/deps.ts







/**
 * The run's clients, made from its inputs: one table of what is made, and when not. Longer than
 * 40 lines on purpose: each dependency is a line or two, and they read best side by side.
 */
function createDeps(inputs, repository, env = process.env) {
    const githubUrl = new URL(env.GITHUB_API_URL || 'https://api.github.com');
    // A proxy that cannot be used is a setting to fix, said before anything is sent.
    (0,http/* transport */.et)().check(inputs.apiUrl);
    const github = inputs.githubToken && repository
        ? ((0,http/* transport */.et)().check(githubUrl),
            (0,api/* createGitHubApi */._j)({
                token: inputs.githubToken,
                repository,
                baseUrl: githubUrl.href.replace(/\/$/, ''),
                bounds: (0,bounds/* githubBounds */.Z)(inputs.timeoutSeconds * 1000, inputs.maxAttempts),
                log: (message) => untrusted_say.warning(message)
            }))
        : undefined;
    const multitudes = inputs.apiKey === undefined
        ? undefined
        : createMultitudesClient({
            url: inputs.apiUrl,
            apiKey: inputs.apiKey,
            timeoutMs: inputs.timeoutSeconds * 1000,
            maxAttempts: inputs.maxAttempts,
            fetch: (0,http/* transport */.et)().request,
            proxy: (0,http/* transport */.et)().proxyFor(inputs.apiUrl),
            log: (message) => untrusted_say.warning(message)
        });
    const freshRecord = () => multitudes && inputs.recordCheck
        ? createRecord(multitudes, {
            includeTests: inputs.isTest,
            warn: (message) => untrusted_say.warning(message)
        })
        : undefined;
    return {
        git: createGitClient(inputs.workingDirectory ?? process.cwd()),
        github,
        multitudes,
        record: freshRecord(),
        freshRecord
    };
}

;// CONCATENATED MODULE: ./src/failure.ts



/** Field annotations written at most (one more counts the rest). */
const FIELD_ANNOTATIONS = 5;
/** Turns anything thrown into a Failure that says what happened and what to do. */
function describeFailure(error) {
    const failure = {
        message: (0,errors/* errorMessage */.gJ)(error),
        hint: hintOf(error),
        status: undefined,
        body: '',
        requestId: undefined,
        fields: [],
        outage: false,
        input: error instanceof errors/* InputError */.dz
    };
    if (error instanceof errors/* ApiError */.hD) {
        return {
            ...failure,
            status: error.status,
            body: error.body,
            requestId: error.requestId,
            fields: error.fields,
            outage: error.outage
        };
    }
    if (error instanceof api/* GitHubApiError */.OS)
        return { ...failure, outage: error.outage };
    return failure;
}
/** What to do about it, by the kind of error. */
function hintOf(error) {
    if (error instanceof errors/* ApiError */.hD)
        return apiHint(error);
    if (error instanceof errors/* HintedError */.J_)
        return error.hint;
    if (error instanceof errors/* InputError */.dz)
        return 'Fix the input in the workflow file; nothing was sent.';
    if (error instanceof errors/* GitError */.XS)
        return 'Check that the step runs in a git checkout (actions/checkout with fetch-depth: 0) owned by the runner user.';
    return undefined;
}
function apiHint(error) {
    if (error.unknown) {
        return 'Whether the deployment was recorded is unknown: look for it in Multitudes (GET /deployment) before re-running. With record-check on (the default), a re-run reads the record first and sends nothing if it is there.';
    }
    if (error.outage) {
        return "Multitudes did not record the deployment. Re-run the job when the API is back: the run reads Multitudes' record first, so a re-run never sends it twice.";
    }
    switch (error.status) {
        case 400:
            return 'Fix the fields named above; nothing was recorded.';
        case 401:
        case 403:
            return 'Generate a key in Multitudes under Settings > Integrations > Deployments API and store it as the MULTITUDES_API_KEY secret.';
        default:
            return undefined;
    }
}
/**
 * Annotates a failure as `on-error` asks: errors when the step fails, warnings otherwise.
 * Returns the message to fail the step with, or undefined when the step must not fail.
 */
function applyOnError(failure, onError) {
    const fails = onError === 'fail' || (onError === 'warn-on-outage' && !failure.outage);
    const annotate = fails ? untrusted_say.error : untrusted_say.warning;
    // GitHub shows at most 10 annotations of a kind per step: name a few, count the rest.
    const shown = failure.fields.slice(0, FIELD_ANNOTATIONS);
    for (const p of shown) {
        annotate(`Field '${clip(p.field, 100)}': ${clip(p.message, 300)}`, {
            title: 'Multitudes rejected a field'
        });
    }
    const more = failure.fields.length - shown.length;
    if (more > 0) {
        annotate(`… and ${more} more rejected field${more === 1 ? '' : 's'}; the response output has the API's whole answer.`, { title: 'Multitudes rejected a field' });
    }
    // Suggest warn-on-outage only where it would change something.
    const hint = failure.outage && onError === 'fail'
        ? `${failure.hint ?? ''} 'on-error: warn-on-outage' keeps outages from failing deploys.`.trim()
        : failure.hint;
    const message = hint ? `${failure.message} ${hint}` : failure.message;
    if (fails)
        return message;
    untrusted_say.warning(`${message} (on-error: ${onError}, so the step does not fail)`);
    return undefined;
}

;// CONCATENATED MODULE: ./src/input-combinations.ts
/**
 * Inputs that are each valid but do not work together: one message says which, and what instead.
 */


function checkCombinations(inputs) {
    if (inputs.apiKey === undefined && !inputs.dryRun) {
        throw new errors/* InputError */.dz(`Input 'api-key' is empty and MULTITUDES_API_KEY is not set. Expected a Multitudes API key with the Deployments write scope, e.g. 'api-key: \${{ secrets.MULTITUDES_API_KEY }}'. Secrets are not passed to workflows triggered from forks; use 'dry-run: true' there.`);
    }
    if (inputs.apiKey !== undefined)
        checkSecret('api-key', inputs.apiKey);
    if (inputs.githubToken !== undefined)
        checkSecret('github-token', inputs.githubToken);
    if (inputs.strategy === 'base' && inputs.base === undefined) {
        throw new errors/* InputError */.dz(`Input 'base' is required when 'strategy' is 'base': a commit SHA or ref.`);
    }
    if (inputs.strategy === 'tag' && inputs.tagPattern === undefined) {
        throw new errors/* InputError */.dz(`Input 'tag-pattern' is required when 'strategy' is 'tag': a glob such as 'v*'.`);
    }
    if (inputs.strategy === 'multitudes' &&
        (!inputs.recordCheck || inputs.apiKey === undefined)) {
        throw new errors/* InputError */.dz(`Invalid 'strategy': "multitudes" reads Multitudes' record, but ${inputs.apiKey === undefined ? "'api-key' is empty" : "'record-check' is false"}. Expected an API key with the Deployments read scope and 'record-check: true', or another strategy.`);
    }
    if (inputs.paths.length > 0 && inputs.commitSource === 'api') {
        throw new errors/* InputError */.dz(`Input 'paths' needs the git source, but 'commit-source' is 'api'. Expected 'commit-source: git' (or 'auto') with a checkout.`);
    }
}

// EXTERNAL MODULE: ./src/input-values.ts
var input_values = __webpack_require__(5214);
;// CONCATENATED MODULE: ./src/inputs.ts








/**
 * An input as the runner gives it. A value that is still an unevaluated `${{ … }}` expression
 * (tools such as @github/local-action leave `${{ github.token }}` as it is) counts as unset.
 */
const readInput = (name) => {
    const value = getInput(name);
    return /^\$\{\{[^}]*\}\}$/.test(value.trim()) ? '' : value;
};
/** `on-error` alone, so that a failure to read the other inputs can still honour it. */
function getOnError(read = readInput) {
    return parseEnum(input_values/* INPUTS */.mc.onError, value(read, input_values/* INPUTS */.mc.onError), input_values/* ON_ERROR */.DD);
}
/**
 * Reads and validates every input. Throws one InputError that names every bad input, so a
 * workflow is fixed in one round, not one input at a time. Longer than 40 lines on purpose: the
 * inputs are one table, a line each in action.yml's order, which is also the order of the
 * messages; split, that order would live in several places.
 */
function getInputs(read = readInput, env = process.env, now = Date.now) {
    const apiKey = readSecret(read(input_values/* INPUTS */.mc.apiKey) || env.MULTITUDES_API_KEY);
    const githubToken = readSecret(read(input_values/* INPUTS */.mc.githubToken));
    const { problems, check } = collector();
    const bool = (name) => check(() => parseBoolean(name, value(read, name)), false);
    const integer = (name, min, max) => check(() => parseInteger(name, value(read, name), min, max), min);
    const text = (name, max) => check(() => parseText(name, read(name), max), undefined);
    const inputs = {
        apiKey,
        environment: check(() => parseEnvironment(input_values/* INPUTS */.mc.environment, read(input_values/* INPUTS */.mc.environment)), ''),
        strategy: check(() => parseEnum(input_values/* INPUTS */.mc.strategy, value(read, input_values/* INPUTS */.mc.strategy), input_values/* STRATEGIES */.YL), 'auto'),
        base: check(() => parseRevision(input_values/* INPUTS */.mc.base, read(input_values/* INPUTS */.mc.base)), undefined),
        head: check(() => parseRevision(input_values/* INPUTS */.mc.head, read(input_values/* INPUTS */.mc.head)), undefined),
        tagPattern: check(() => parsePattern(input_values/* INPUTS */.mc.tagPattern, read(input_values/* INPUTS */.mc.tagPattern)), undefined),
        commitSource: check(() => parseEnum(input_values/* INPUTS */.mc.commitSource, value(read, input_values/* INPUTS */.mc.commitSource), input_values/* COMMIT_SOURCES */.Jk), 'auto'),
        paths: check(() => parsePaths(input_values/* INPUTS */.mc.paths, read(input_values/* INPUTS */.mc.paths)), []),
        maxCommits: integer(input_values/* INPUTS */.mc.maxCommits, 1, 100_000),
        firstDeployment: check(() => parseEnum(input_values/* INPUTS */.mc.firstDeployment, value(read, input_values/* INPUTS */.mc.firstDeployment), input_values/* FIRST_DEPLOYMENT */.Px), 'head'),
        isTest: bool(input_values/* INPUTS */.mc.isTest),
        deployedAt: check(() => read(input_values/* INPUTS */.mc.deployedAt).trim()
            ? input_parsers_parseDeployedAt(input_values/* INPUTS */.mc.deployedAt, read(input_values/* INPUTS */.mc.deployedAt), now())
            : undefined, undefined),
        title: text(input_values/* INPUTS */.mc.title, input_values/* LIMITS */.b1.title),
        tags: check(() => parseTags(input_values/* INPUTS */.mc.tags, read(input_values/* INPUTS */.mc.tags), input_values/* LIMITS */.b1.tags, input_values/* LIMITS */.b1.tag), []),
        dryRun: bool(input_values/* INPUTS */.mc.dryRun),
        onError: check(() => getOnError(read), 'fail'),
        apiUrl: check(() => parseApiUrl(input_values/* INPUTS */.mc.apiUrl, value(read, input_values/* INPUTS */.mc.apiUrl)), new URL(input_values/* DEFAULTS */.zY[input_values/* INPUTS */.mc.apiUrl])),
        githubToken,
        verify: bool(input_values/* INPUTS */.mc.verify),
        recordCheck: bool(input_values/* INPUTS */.mc.recordCheck),
        timeoutSeconds: integer(input_values/* INPUTS */.mc.timeoutSeconds, 1, 600),
        maxAttempts: integer(input_values/* INPUTS */.mc.maxAttempts, 1, 10),
        workingDirectory: check(() => parseWorkingDirectory(input_values/* INPUTS */.mc.workingDirectory, read(input_values/* INPUTS */.mc.workingDirectory), env.GITHUB_WORKSPACE || process.cwd()), undefined)
    };
    if (problems.length === 0)
        check(() => checkCombinations(inputs), undefined);
    throwAll(problems);
    for (const [key, v] of Object.entries(inputs)) {
        if (key !== 'apiKey' && key !== 'githubToken') {
            untrusted_say.debug(`input ${key}: ${JSON.stringify(v)}`);
        }
    }
    return inputs;
}
function collector() {
    const problems = [];
    const check = (parse, fallback) => {
        try {
            return parse();
        }
        catch (error) {
            if (!(error instanceof errors/* InputError */.dz))
                throw error;
            problems.push(error);
            return fallback;
        }
    };
    return { problems, check };
}
/** One problem as it is; several as one error that numbers them. */
function throwAll(problems) {
    if (problems.length === 1)
        throw problems[0];
    if (problems.length > 1) {
        throw new errors/* InputError */.dz(`${problems.length} inputs are invalid. ${problems.map((p, i) => `(${i + 1}) ${p.message}`).join(' ')}`);
    }
}
function value(read, name) {
    const raw = read(name);
    return raw.trim() === '' ? (input_values/* DEFAULTS */.zY[name] ?? '') : raw;
}
/** Registers a secret for redaction before anything else can print it. */
function readSecret(raw) {
    const secret = raw?.trim();
    if (!secret)
        return undefined;
    addSecret(secret);
    return secret;
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
;// CONCATENATED MODULE: ./src/range/head-only.ts
/** A range of one commit, head, with the given status. */
function headOnly(head, choice, status, base, source = 'git') {
    return {
        head,
        base,
        baseRef: choice.ref,
        baseSource: choice.source,
        status,
        shas: [head],
        total: 1,
        truncated: false,
        source
    };
}
/**
 * Head alone when no base was found: a first deployment, or `unavailable` when a base may exist
 * but could not be read (the warning that said so has named the fix).
 */
function noBase(head, choice, source = 'git') {
    return headOnly(head, choice, choice.unknown === undefined ? 'first' : 'unavailable', undefined, source);
}

;// CONCATENATED MODULE: ./src/range/local-git.ts



/** Commits fetched per deepening round: growing, so a far base costs few round trips. */
const DEEPEN_STEPS = [50, 250, 1000, 4000, 16000];
/**
 * Head's newest commits along its first and second parents: what a push or a merged pull request
 * usually sends. Read in the same git call as base, so the summary needs no call of its own.
 */
const NEWEST = 20;
const newest = (head) => Array.from({ length: NEWEST }, (_, i) => [
    `${head}~${i}`,
    `${head}^2~${i}`
]).flat();
/** The checkout cannot hold the range (shallow beyond the deepening bound, or no checkout). */
class CheckoutError extends errors/* CommitRangeError */.H1 {
    name = 'CheckoutError';
}
const SHALLOW_FIX = 'Check out the full history: actions/checkout with fetch-depth: 0 (or filter: tree:0 for a large repository), or use commit-source: api.';
/** A `base` input that names no commit: a typo must not be reported as "base unavailable". */
function unknownBaseInput(ref, where) {
    return new errors/* InputError */.dz(`Invalid 'base': ${JSON.stringify(ref)} names no commit ${where}. Expected an existing commit SHA, branch or tag (check for a typo).`);
}
/**
 * The commits of `git rev-list base..head` from the checkout, classified. A shallow checkout is
 * deepened until the range is whole; a range that still reaches past the shallow boundary is an
 * error, never a silently short list (git itself exits 0 with one).
 */
async function rangeFromGit(git, head, choice, options) {
    if (choice.ref === undefined)
        return noBase(head, choice);
    const shallow = await git.isShallow();
    const named = `${choice.ref} (${choice.source})`;
    const [found, ...read] = await git.resolveCommits([
        choice.ref,
        ...newest(head)
    ]);
    const base = found ?? (await git.fetchRef(choice.ref, { shallow }));
    if (base === undefined)
        return missingBase(git, head, choice, choice.ref, shallow);
    const only = (status) => headOnly(head, choice, status, base);
    if (base === head)
        return only('identical');
    const firstParents = read.filter((_, i) => i % 2 === 0);
    const list = (!shallow && (await straightLine(git, base, firstParents, options))) ||
        (await completeList(git, base, head, options, named, shallow));
    const status = await relation(git, base, head, list, named);
    if (status !== 'ahead' && status !== 'diverged')
        return only(status);
    // With paths, head may touch none of them: it is sent all the same.
    // rev-list lists head first whenever it lists it at all.
    const extra = list.shas[0] === head ? 0 : 1;
    const shas = (extra ? [head, ...list.shas] : list.shas).slice(0, options.maxCommits);
    const total = list.total + extra;
    return { ...only(status), shas, total, truncated: total > shas.length };
}
/**
 * base..head without a rev-list, when the commits read with base already hold it: base is on
 * head's first-parent line among the newest read, and every commit above it has one parent, so
 * nothing else can be in the range (a push of a few commits). Undefined otherwise, and with
 * paths, which only git can apply.
 */
async function straightLine(git, base, firstParents, options) {
    const at = firstParents.indexOf(base);
    if (at < 1 || options.paths.length > 0)
        return undefined;
    const above = firstParents.slice(0, at);
    // Read with base, so this costs no git call; any failure leaves the walk to rev-list.
    const details = await git.commitDetails(above).catch(() => []);
    if (details.length !== at || details.some((d) => d.parents !== 1))
        return undefined;
    return {
        shas: above.slice(0, options.maxCommits),
        total: at,
        crossesShallowBoundary: false,
        reachesBase: true
    };
}
/** How head stands to base: from the list where it says, else from git. */
async function relation(git, base, head, list, named) {
    // Nothing of head outside base: head is an ancestor of base (with paths, git must say).
    const behind = list.total === 0 &&
        (list.reachesBase !== undefined || (await git.isAncestor(head, base)));
    if (behind)
        return 'behind';
    if (list.reachesBase ?? (await git.isAncestor(base, head)))
        return 'ahead';
    if ((await git.mergeBase(base, head)) !== undefined)
        return 'diverged';
    untrusted_say.warning(`Base ${named} shares no history with head ${head}: only head is sent.`);
    return 'unavailable';
}
/** A base neither the checkout nor origin has: an error to fix, or only head when it is gone. */
async function missingBase(git, head, choice, ref, shallow) {
    const named = `${ref} (${choice.source})`;
    // Without origin, a shallow clone cannot say whether base exists at all: not a typo.
    if (shallow && !(await git.hasOrigin())) {
        throw new CheckoutError(`Base ${named} is not in this shallow clone, and there is no origin to fetch it from.`, `Fetch it (git fetch --unshallow) before this step, or use the API (commit-source: api).`);
    }
    if (choice.source === 'input')
        throw unknownBaseInput(ref, 'in the checkout or on origin');
    if (shallow) {
        throw new CheckoutError(`Base ${named} is not in the checkout, and origin would not give it: the checkout is shallow; use fetch-depth: 0.`, SHALLOW_FIX);
    }
    untrusted_say.warning(`Base ${named} is not in the checkout or on origin (a force push may have removed it): only head is sent.`);
    return headOnly(head, choice, 'unavailable');
}
/** rev-list base..head, deepening a shallow clone until no listed commit is a boundary. */
async function completeList(git, base, head, options, named, shallow) {
    for (let round = 0;; round++) {
        const boundary = shallow ? await git.shallowCommits() : undefined;
        const list = await git.revList(base, head, {
            limit: options.maxCommits,
            paths: options.paths,
            shallow: boundary
        });
        if (!list.crossesShallowBoundary && !boundary?.has(base))
            return list;
        const step = DEEPEN_STEPS[round];
        if (step === undefined) {
            throw new CheckoutError(`The range from base ${named} to head reaches past the shallow boundary even after deepening by ${DEEPEN_STEPS.reduce((a, b) => a + b)} commits: the checkout is shallow; use fetch-depth: 0.`, SHALLOW_FIX);
        }
        untrusted_say.info(`The checkout is shallow: deepening it by ${step} commits.`);
        await git.deepen(step, [head, base]);
        shallow = await git.isShallow();
    }
}

;// CONCATENATED MODULE: ./src/range/types.ts
/** Commits whose subjects the summary reads (list and PR numbers): a huge range costs no more. */
const DESCRIBED = 1000;

;// CONCATENATED MODULE: ./src/range/compare-api.ts







const STATUSES = {
    ahead: 'ahead',
    identical: 'identical',
    behind: 'behind',
    diverged: 'diverged'
};
/**
 * The commits of `base...head` from GitHub's compare API: the set `git rev-list base..head`
 * gives. The first page tells the total; the other pages are fetched concurrently.
 */
async function rangeFromApi(github, head, choice, options) {
    const only = (status, base) => ({
        range: headOnly(head, choice, status, base, 'api'),
        commits: []
    });
    if (choice.ref === undefined)
        return { range: noBase(head, choice, 'api'), commits: [] };
    const first = await github.compare(choice.ref, head, 1);
    if (first === undefined && choice.source === 'input') {
        if ((await github.resolveCommit(choice.ref)) === undefined)
            throw unknownBaseInput(choice.ref, 'that GitHub knows');
    }
    if (first === undefined) {
        untrusted_say.warning(`GitHub cannot compare base ${choice.ref} (${choice.source}) with head ${head} (unknown commit, or no common history): only head is sent.`);
        return only('unavailable');
    }
    const status = STATUSES[first.status] ?? 'diverged';
    if (status === 'identical' || status === 'behind')
        return only(status, first.baseSha);
    const total = first.totalCommits;
    const kept = await newestCommits(github, choice.ref, head, first, options);
    const commits = newestFirst(kept, head).slice(0, options.maxCommits);
    const shas = commits.map((c) => c.sha);
    return {
        range: {
            ...headOnly(head, choice, status, first.baseSha, 'api'),
            shas,
            total: Math.max(total, shas.length),
            truncated: total > shas.length
        },
        commits: commits.slice(0, DESCRIBED)
    };
}
/**
 * The newest max-commits of the comparison. Pages list commits oldest first, so those are on the
 * last pages: only they are fetched (a 200,000-commit range with the default cap costs 11
 * requests, not 2,000).
 */
async function newestCommits(github, base, head, first, options) {
    const total = first.totalCommits;
    const keepFrom = Math.max(0, total - options.maxCommits);
    const pages = Math.ceil(total / api/* PER_PAGE */.EK);
    const firstNeeded = Math.max(2, Math.floor(keepFrom / api/* PER_PAGE */.EK) + 1);
    const limit = (0,p_limit/* default */.A)(options.concurrency ?? 6);
    const rest = await Promise.all(Array.from({ length: Math.max(0, pages - firstNeeded + 1) }, (_, i) => limit(async () => (await github.compare(base, head, firstNeeded + i))?.commits ?? [])));
    const kept = [
        ...first.commits.slice(keepFrom),
        ...rest.flat().slice(Math.max(0, keepFrom - (firstNeeded - 1) * api/* PER_PAGE */.EK))
    ];
    const expected = Math.min(total, options.maxCommits);
    if (kept.length !== expected) {
        // A page that came back short (or 404) would silently drop commits from the list.
        throw new errors/* CommitRangeError */.H1(`GitHub's compare API announced ${total} commits from ${base} to ${head}, but its pages held ${kept.length} of the ${expected} to send.`, 'Re-run the job; if it persists, use commit-source: git with a full checkout.');
    }
    return kept;
}
/**
 * Unique, head first, then newest first in GitHub's order: the pages list the range oldest
 * first, as `git log --reverse` does. Dates are no guide (rebases and cherry-picks keep author
 * dates, and clocks differ), so the order is the API's, reversed. GitHub orders by date, so a
 * cut at max-commits can leave head out; it is sent all the same, as the git source does.
 */
function newestFirst(commits, head) {
    const unique = [
        ...new Map(commits.map((c) => [
            c.sha.toLowerCase(),
            { ...c, sha: c.sha.toLowerCase() }
        ])).values()
    ].reverse();
    const at = unique.findIndex((c) => c.sha === head);
    if (at === 0)
        return unique;
    const first = at > 0 ? unique[at] : { sha: head, date: '', author: '', subject: '' };
    return [first, ...unique.filter((_, i) => i !== at)];
}

;// CONCATENATED MODULE: ./src/range/head.ts
/** Head: from the checkout, from an input or CI variable, or fetched from origin when named. */



/** Head, as the event or an input names it, is neither in the checkout nor on origin. */
class HeadNotInCheckout extends CheckoutError {
    name = 'HeadNotInCheckout';
}
function headRevision(inputs, ctx) {
    const rev = inputs.head ?? ctx.eventHead ?? ctx.sha;
    if (!rev) {
        throw new errors/* InputError */.dz(`Input 'head' is empty and the event names no commit. Expected a commit SHA or ref in 'head'.`);
    }
    return rev;
}
/**
 * Head from the checkout. For events that name no commit (a manual dispatch, a schedule), the
 * checked-out commit is what was deployed: a rollback checks out the ref it deploys.
 */
async function headFromGit(inputs, ctx, git) {
    if (inputs.head === undefined && ctx.headFromCheckout) {
        const checkedOut = await commitInCheckout('HEAD', git);
        if (checkedOut !== undefined) {
            if (checkedOut !== ctx.sha.toLowerCase()) {
                untrusted_say.info(`Head: the checkout is at ${checkedOut}, not at GITHUB_SHA ${ctx.sha || '(unset)'}; a ${ctx.eventName} run deploys what it checked out, so the checkout is head.`);
            }
            return checkedOut;
        }
    }
    const rev = headRevision(inputs, ctx);
    const sha = await commitInCheckout(rev, git);
    if (sha !== undefined)
        return sha;
    // A head that was given (an input, a CI variable) may be on origin without being fetched.
    const named = headName(inputs, ctx);
    const fetched = named && (await git.fetchRef(rev, { shallow: await git.isShallow() }));
    if (fetched)
        return fetched;
    throw new HeadNotInCheckout(`Head ${rev} is not in the checkout.`, `Check out the deployed commit (actions/checkout with ref: ${rev} and fetch-depth: 0), or set 'head'.`);
}
/** The input or CI variable that named head, when one did (not the event's own commit). */
function headName(inputs, ctx) {
    return inputs.head !== undefined ? "'head'" : ctx.shaVariable;
}
/** A head that was given and names no commit: bad input, never "check out the commit". */
function unknownHead(rev, name, where) {
    return new errors/* InputError */.dz(`Invalid ${name}: ${JSON.stringify(rev)} names no commit ${where}. Expected an existing commit SHA, branch or tag (check for a typo).`);
}
async function commitInCheckout(rev, git) {
    try {
        return await git.resolveCommit(rev);
    }
    catch (error) {
        if (error instanceof errors/* GitNotFoundError */.IG) {
            throw new CheckoutError(error.message, 'Install git on the runner, or set commit-source: api.');
        }
        if (error instanceof errors/* GitError */.XS &&
            /not a git repository/i.test(error.stderr)) {
            throw new CheckoutError(`There is no git checkout in ${git.dir}.`, `Add actions/checkout with fetch-depth: 0 before this step; if it checks out into a subfolder ('path:'), set 'working-directory' to that folder.`);
        }
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/record/lookup.ts

const holds = (record, sha) => record.shas.some((s) => sha.startsWith(s));
/**
 * This repository's records of `environment`, newest first, read as far as the newest one that
 * does not hold `head`: the deployment before this one. A record of this deployment, if it was
 * sent before, is newer than that, so nothing older is needed.
 */
async function ownRecords(record, environment, head, membership) {
    const present = new Map();
    const own = (r) => present.get(r) ?? [];
    await record.scan(environment, async (records) => {
        const fresh = records.filter((r) => !present.has(r));
        const asked = fresh.flatMap((r) => membership.everySha ? r.shas : r.shas.slice(0, 1));
        const found = fresh.length > 0
            ? await membership.present([...new Set(asked)])
            : new Set();
        for (const r of fresh)
            present.set(r, r.shas.filter((s) => found.has(s)));
        return records.some((r) => own(r).length > 0 && !holds(r, head));
    });
    return [...present.keys()]
        .sort((a, b) => b.time - a.time)
        .map((r) => ({ ...r, present: own(r) }));
}
/**
 * The newest recorded deployment of this repository to `environment` before one that holds
 * `head`: its newest commit in the repository is base (the `multitudes` strategy).
 */
async function recordBase(record, environment, head, membership) {
    const records = await ownRecords(record, environment, head, membership);
    const previous = records.find((r) => r.present.length > 0 && !holds(r, head));
    return (previous && { sha: previous.present[0], deployedAt: previous.deployedAt });
}
/** The vendor's dedupe key: the environment without case, and the same set of commits. */
function isSameDeployment(recorded, payload) {
    if (recorded.environment.toLowerCase() !== payload.environmentName.toLowerCase())
        return false;
    // A test run matches only test records; a real run reads no test records at all.
    if (payload.isTest === true && !recorded.isTest)
        return false;
    const listed = new Set(recorded.shas);
    return (listed.size === payload.commitSha.length &&
        payload.commitSha.every((sha) => [...listed].some((s) => sha.startsWith(s))));
}
/**
 * The record of this deployment, when it was sent before: newer than the deployment before it
 * (see ownRecords). Undefined when it is not there, or the record could not be read.
 */
async function findRecorded(record, payload, membership) {
    const head = payload.commitSha[0];
    const noMembership = {
        everySha: false,
        present: () => Promise.resolve(new Set())
    };
    const records = await ownRecords(record, payload.environmentName, head, membership ?? noMembership);
    for (const r of records) {
        if (isSameDeployment(r, payload))
            return r;
        if (r.present.length > 0 && !holds(r, head))
            return undefined;
    }
    return undefined;
}
/**
 * Every record of `environment` that the reader's bounds reach, as a look-up for many payloads
 * (a backfill): indexed by each listed SHA's first 7 characters.
 */
async function recordIndex(record, environment) {
    const records = await record.scan(environment, () => Promise.resolve(false));
    const bySha = new Map();
    for (const r of records) {
        for (const sha of r.shas) {
            const key = sha.slice(0, 7);
            const list = bySha.get(key);
            if (list)
                list.push(r);
            else
                bySha.set(key, [r]);
        }
    }
    return (payload) => bySha
        .get(payload.commitSha[0].slice(0, 7))
        ?.find((r) => isSameDeployment(r, payload));
}
/**
 * What a fresh read of the record says of a deployment after an ambiguous failure: `find` looks
 * it up; a read or a look-up that fails leaves the outcome unknown, never "absent".
 */
async function checkRecord(fresh, find) {
    try {
        const found = await find(fresh);
        if (found)
            return { state: 'recorded', deployedAt: found.deployedAt };
    }
    catch (error) {
        // A membership look-up (git, GitHub) that failed: the record cannot be judged.
        return { state: 'unknown', why: (0,errors/* errorMessage */.gJ)(error) };
    }
    return fresh.unreadable === undefined
        ? { state: 'absent' }
        : { state: 'unknown', why: fresh.unreadable };
}

;// CONCATENATED MODULE: ./src/record/membership.ts
/** The checkout when the range comes from it, else GitHub; undefined when neither can tell. */
function membershipOf(git, github) {
    if (git)
        return gitMembership(git);
    return github && githubMembership(github);
}
/** From the checkout: one `git cat-file --batch-check` for all the SHAs of a page. */
function gitMembership(git) {
    return {
        everySha: true,
        async present(shas) {
            const found = await git.presentCommits(shas);
            // cat-file names full SHAs; a record may list short ones.
            return new Set(shas.filter((s) => found.has(s) || [...found].some((f) => f.startsWith(s))));
        }
    };
}
/** From GitHub, for `commit-source: api`: one commit look-up per record, at most `budget`. */
function githubMembership(github, budget = 20) {
    const known = new Map();
    return {
        everySha: false,
        async present(shas) {
            for (const sha of shas) {
                if (known.has(sha) || known.size >= budget)
                    continue;
                known.set(sha, (await github.resolveCommit(sha)) !== undefined);
            }
            return new Set(shas.filter((s) => known.get(s) === true));
        }
    };
}

;// CONCATENATED MODULE: ./src/range/deployment-scan.ts
/** One listing of GitHub deployments read for the newest live one, within a budget. */


/** States of a deployment that was live: `inactive` is what GitHub sets on older successes. */
const LIVE_STATES = new Set(['success', 'inactive']);
const NOTHING_YET = {
    found: undefined,
    listed: 0,
    candidates: 0,
    lookups: 0,
    exhausted: false
};
/**
 * Reads a listing newest first, a page at a time within the budget, and looks up the states of
 * the deployments that match until one is live: the previous deployment. Says how far it read.
 */
async function scan(list, matches, github, isOwn, { eventDeploymentId, concurrency = 10 }, budget, 
/** Deployments up to this id are older than a base already found: the listing stops there. */
newerThan, 
/** Ask for pages ahead: the listing is of every environment, and few will match. */
readAhead = false) {
    const result = { ...NOTHING_YET };
    const pageOf = pager(list, budget, readAhead);
    for (let page = 1;; page++) {
        const pending = pageOf(page);
        if (pending === undefined)
            return { ...result, exhausted: true };
        const listed = await pending;
        // Newest first: once the listing reaches the base already found, the rest is older.
        const deployments = newerThan === undefined ? listed : listed.filter((d) => d.id > newerThan);
        result.listed += deployments.length;
        const candidates = deployments.filter((d) => matches(d) &&
            (eventDeploymentId === undefined || d.id < eventDeploymentId));
        result.candidates += candidates.length;
        const done = await firstLive(candidates, { github, isOwn, concurrency, budget }, result);
        if (done)
            return done;
        if (listed.length < api/* PER_PAGE */.EK || deployments.length < listed.length)
            return result;
    }
}
/**
 * A listing's pages, each asked for once, within the budget; undefined once it is spent. The
 * scan for other cases mostly reads past other environments, so with `readAhead` its pages are
 * asked for in batches of 1, 2, 4, 8: four round trips for ten pages, and never more asked for
 * than were read before.
 */
function pager(list, budget, readAhead) {
    const pages = new Map();
    let ahead = 1;
    return (page) => {
        if (!pages.has(page)) {
            if (budget.pages === 0)
                return undefined;
            const asked = Math.min(ahead, budget.pages);
            budget.pages -= asked;
            for (let p = page; p < page + asked; p++) {
                const pending = list(p);
                // A page asked for ahead and never read must not fail the run.
                pending.catch(() => undefined);
                pages.set(p, pending);
            }
            if (readAhead)
                ahead *= 2;
        }
        return pages.get(page);
    };
}
/**
 * The candidates' statuses, a batch at a time and in order, so the newest live one not set by
 * this run wins. The finished scan when one is found or the budget ends; undefined to read on.
 */
async function firstLive(candidates, { github, isOwn, concurrency, budget }, result) {
    // A batch is cut short by what is left of the budget; the next starts where it ended, so a
    // candidate past a short batch is looked up, or the scan says the budget ran out.
    for (let i = 0; i < candidates.length;) {
        const batch = candidates.slice(i, i + Math.min(concurrency, budget.lookups));
        if (batch.length === 0)
            return { ...result, exhausted: true };
        i += batch.length;
        budget.lookups -= batch.length;
        result.lookups += batch.length;
        const statuses = await Promise.all(batch.map((d) => github.latestStatus(d.id)));
        for (const [j, status] of statuses.entries()) {
            const deployment = batch[j];
            if (status === undefined)
                continue;
            if (!LIVE_STATES.has(status.state)) {
                untrusted_say.debug(`Skipping deployment #${deployment.id}: its latest status is ${status.state}.`);
            }
            else if (!(await isOwn(status.url, deployment.id))) {
                return { ...result, found: { ...deployment, state: status.state } };
            }
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/range/own-run.ts
/** Whether a deployment's status was set by this run (or the run it reports on): never base. */



/**
 * The run a status was set by, from its URL: `/actions/runs/<run>/…` today, or the older
 * `/runs/<job>?check_suite_focus=true` that names a job.
 */
function statusSetBy(url) {
    let path;
    try {
        path = new URL(url).pathname;
    }
    catch {
        return undefined;
    }
    const run = /\/actions\/runs\/(\d+)(?:\/|$)/.exec(path);
    if (run)
        return { run: Number(run[1]) };
    const job = /^\/[^/]+\/[^/]+\/runs\/(\d+)\/?$/.exec(path);
    return job ? { job: Number(job[1]) } : undefined;
}
/**
 * Whether a status was set by one of `ownRunIds`. A job id is mapped to its run with one jobs
 * API request at most: the first such status is nearly always the run's own deployment, and
 * the next one is what was live before it.
 */
function ownRunCheck(github, ownRunIds) {
    let lookups = 0;
    return async (url, deployment) => {
        const by = ownRunIds.length === 0 ? undefined : statusSetBy(url);
        if (by === undefined)
            return false;
        if ('run' in by)
            return ownRunIds.includes(by.run);
        if (lookups++ > 0) {
            untrusted_say.debug(`Deployment #${deployment}: its status names job ${by.job}; one job was looked up already, so it is taken as another run's.`);
            return false;
        }
        try {
            return ownRunIds.includes(await github.jobRun(by.job));
        }
        catch (error) {
            const hint = error instanceof api/* GitHubApiError */.OS ? ` ${error.hint}` : '';
            untrusted_say.warning(`Could not tell which run set the status of deployment #${deployment} (job ${by.job}): ${(0,errors/* errorMessage */.gJ)(error)}. It is taken as another run's deployment, so it may be this run's own.${hint}`);
            return false;
        }
    };
}

;// CONCATENATED MODULE: ./src/range/previous-deployment.ts




/**
 * The SHA of the most recent earlier GitHub deployment to `environment` whose latest status is
 * success or inactive. GitHub treats environment names without case (`Production` and
 * `production` are one environment) but filters by the exact name, so the exact name is listed
 * first and then every deployment newer than what it found is read for other cases of the
 * name: the newest among all of them wins. A failed or skipped deployment is passed over, so
 * its commits ship with the next successful one.
 */
async function previousDeploymentSha(github, environment, options) {
    const isOwn = ownRunCheck(github, options.ownRunIds);
    // One budget for both listings: the case scan costs no request beyond it.
    const budget = {
        pages: options.maxPages ?? 10,
        lookups: options.maxStatusLookups ?? 100
    };
    const exact = await scan((page) => github.listDeployments(page, environment), () => true, github, isOwn, options, budget);
    const result = exact.exhausted
        ? exact
        : await otherCases(github, environment, options, budget, isOwn, exact);
    tell(environment, result, exact);
    return result.found?.sha;
}
/**
 * The newest live deployment to another case of the name, newer than what the exact name gave;
 * what the exact name gave when there is none.
 */
async function otherCases(github, environment, options, budget, isOwn, exact) {
    const wanted = environment.toLowerCase();
    untrusted_say.debug(exact.found
        ? `Looking for deployments newer than #${exact.found.id} to another case of '${environment}'.`
        : `No base among the deployments named exactly '${environment}'; scanning all deployments for any case of the name.`);
    const other = await scan((page) => github.listDeployments(page), (d) => d.environment !== environment && d.environment.toLowerCase() === wanted, github, isOwn, options, budget, exact.found?.id, true);
    if (other.found !== undefined || exact.found === undefined)
        return other;
    if (other.exhausted) {
        untrusted_say.warning(`Deployment #${exact.found.id} to '${environment}' is the base, but ${other.listed} newer deployments were read without reaching it, so a newer one to another case of the name may have been missed. Set 'base' to say what was live.`);
    }
    return exact;
}
/**
 * Says what the search found, or why it stopped without finding anything: what both listings
 * read, when the case scan ran after the exact name's.
 */
function tell(environment, result, exact) {
    if (result.exhausted) {
        const both = result !== exact;
        const lookups = exact.lookups + (both ? result.lookups : 0);
        const looked = `${lookups} ${lookups === 1 ? 'status' : 'statuses'} looked up`;
        const read = both
            ? `the ${plural(exact.listed, 'deployment')} named exactly so and the newest ${result.listed} of all deployments (${exact.candidates + result.candidates} of them to that environment in any case, ${looked})`
            : `the ${plural(exact.listed, 'deployment')} read (${exact.candidates} of them to that environment, ${looked})`;
        untrusted_say.warning(`No earlier successful deployment to '${environment}' was found in ${read}; the search stops there. Set 'base' to say what was live.`);
    }
    if (result.found !== undefined) {
        untrusted_say.info(`Previous deployment to ${result.found.environment}: #${result.found.id} at ${result.found.sha} (${result.found.state}).`);
    }
}

;// CONCATENATED MODULE: ./src/range/select.ts






const NONE = { ref: undefined, source: 'none' };
/** Finds base for the chosen strategy; `auto` takes the first that answers. */
async function chooseBase(inputs, ctx, head, deps) {
    switch (inputs.strategy) {
        case 'head':
            return NONE;
        case 'base':
            return { ref: inputs.base, source: 'input' };
        case 'push':
            if (ctx.eventName !== 'push') {
                throw new errors/* InputError */.dz(`Invalid 'strategy': "push" needs a push event, but this run was triggered by '${ctx.eventName}'. Expected 'auto', 'previous-deployment', 'base' or another strategy.`);
            }
            return fromPush(ctx);
        case 'parent': {
            const parent = await needGit(deps, 'parent').resolveCommit(`${head}^1`);
            return parent ? { ref: parent, source: 'parent' } : NONE;
        }
        case 'tag': {
            const git = needGit(deps, 'tag');
            const tag = await git.nearestTag(head, inputs.tagPattern ?? '*');
            return tag ? { ref: tag, source: 'tag' } : NONE;
        }
        case 'previous-deployment':
            return fromDeployments(needGitHub(deps), inputs.environment, ctx);
        case 'multitudes':
            return fromRecord(deps, inputs.environment, head);
        case 'auto':
            return auto(inputs, ctx, head, deps);
    }
}
/**
 * Each source of base in turn: the input, GitHub deployments, Multitudes' record, the push. When
 * GitHub deployments could not be read off a push event, no base means "unknown", not "first".
 */
async function auto(inputs, ctx, head, deps) {
    if (inputs.base !== undefined)
        return { ref: inputs.base, source: 'input' };
    let unknown;
    if (deps.github) {
        const previous = await fromDeployments(deps.github, inputs.environment, ctx).catch((error) => {
            unknown = `GitHub deployments could not be read (${(0,errors/* errorMessage */.gJ)(error)})`;
            const hint = error instanceof api/* GitHubApiError */.OS ? ` ${error.hint}` : '';
            untrusted_say.warning(`${unknown}; ${ctx.eventName === 'push' ? "the push event's before is base instead" : 'without them the previous deployment is unknown'}.${hint}`);
            return NONE;
        });
        if (previous.ref !== undefined)
            return previous;
    }
    const recorded = await fromRecord(deps, inputs.environment, head);
    if (recorded.ref !== undefined)
        return recorded;
    if (ctx.eventName === 'push')
        return fromPush(ctx);
    return unknown === undefined ? NONE : { ...NONE, unknown };
}
/**
 * The newest deployment of this repository in Multitudes' record: what is live, whatever CI
 * sent it. Its newest commit in the repository is base.
 */
async function fromRecord(deps, environment, head) {
    const membership = membershipOf(deps.git, deps.github);
    if (!deps.record || !membership)
        return NONE;
    const found = await recordBase(deps.record, environment, head, membership);
    if (found === undefined)
        return NONE;
    untrusted_say.info(`Base: the deployment Multitudes recorded at ${found.deployedAt} for this repository; its newest commit is ${found.sha}.`);
    return { ref: found.sha, source: 'multitudes' };
}
async function fromDeployments(github, environment, ctx) {
    const sha = await previousDeploymentSha(github, environment, {
        ownRunIds: ctx.ownRunIds,
        eventDeploymentId: ctx.eventDeploymentId
    });
    return sha ? { ref: sha, source: 'previous-deployment' } : NONE;
}
function fromPush(ctx) {
    // A created branch has `before` all zeros: no base.
    return ctx.pushBefore ? { ref: ctx.pushBefore, source: 'push' } : NONE;
}
function needGit(deps, strategy) {
    if (deps.git)
        return deps.git;
    throw new errors/* InputError */.dz(`Invalid 'strategy': "${strategy}" needs a git checkout, and commit-source is 'api'. Expected a checkout with 'commit-source: git' or 'auto'.`);
}
function needGitHub(deps) {
    if (deps.github)
        return deps.github;
    throw new errors/* InputError */.dz(`Invalid 'strategy': "previous-deployment" reads GitHub deployments, but there is no 'github-token' or repository. Expected 'github-token: \${{ github.token }}' (the default).`);
}
/** No base, and `first-deployment: fail`: the run stops instead of sending head alone. */
function checkFirstDeployment(inputs, choice) {
    if (choice.ref === undefined &&
        inputs.strategy !== 'head' &&
        inputs.firstDeployment === 'fail') {
        throw new errors/* CommitRangeError */.H1(`No base was found for strategy '${inputs.strategy}'${choice.unknown ? ` (${choice.unknown})` : ''} and 'first-deployment' is 'fail'.`, `Set 'base', or 'first-deployment: head' to send only head on a first deployment.`);
    }
}

;// CONCATENATED MODULE: ./src/range/resolve.ts







/**
 * Head, base and the commits between them, from the checkout or from the compare API, with one
 * log line that explains the decision. `auto` uses the checkout when it holds (or can be
 * deepened to hold) the range, and the API otherwise.
 */
async function resolveRange(inputs, ctx, deps, resolved = {}) {
    const result = await (inputs.commitSource === 'api'
        ? fromApi(inputs, ctx, deps, resolved)
        : fromGitOrApi(inputs, ctx, deps, resolved));
    const { range } = result;
    if (range.truncated) {
        untrusted_say.warning(`The range holds ${range.total} commits; 'max-commits' is ${inputs.maxCommits}, so only the newest ${range.shas.length} are sent.`);
    }
    untrusted_say.info(explain(inputs, range));
    return result;
}
/** The checkout; with `auto`, the compare API when the checkout cannot hold the range. */
async function fromGitOrApi(inputs, ctx, deps, resolved) {
    let head;
    try {
        head = await headFromGit(inputs, ctx, deps.git);
        resolved.head = head;
        return await fromGit(inputs, ctx, deps, head, resolved);
    }
    catch (error) {
        const fallback = inputs.commitSource === 'auto' &&
            error instanceof CheckoutError &&
            deps.github !== undefined;
        const named = headName(inputs, ctx);
        if (!fallback && named && error instanceof HeadNotInCheckout)
            throw unknownHead(headRevision(inputs, ctx), named, 'in the checkout or on origin');
        if (!fallback)
            throw error;
        if (inputs.paths.length > 0) {
            // The compare API cannot filter by path: the whole range would be wrong for this service.
            throw new errors/* CommitRangeError */.H1(`${error.message} 'paths' is set, and the GitHub compare API cannot filter commits by path, so nothing is sent.`, `Check out the repository before this step (actions/checkout with fetch-depth: 0, or filter: tree:0), and set 'working-directory' if it is not in the workspace root.`);
        }
        untrusted_say.warning(`${error.message} Using the GitHub compare API instead.`);
        return fromApi(inputs, ctx, deps, resolved, head);
    }
}
function explain(inputs, range) {
    return [
        `strategy=${inputs.strategy}`,
        `base=${range.base ?? range.baseRef ?? 'none'}`,
        `base-source=${range.baseSource}`,
        `head=${range.head}`,
        `status=${range.status}`,
        `source=${range.source}`,
        `commits=${range.shas.length}`,
        `truncated=${range.truncated}`
    ].join(' ');
}
async function fromGit(inputs, ctx, deps, head, resolved) {
    const choice = await chooseBase(inputs, ctx, head, deps);
    Object.assign(resolved, { base: choice.ref, baseSource: choice.source });
    checkFirstDeployment(inputs, choice);
    const range = await rangeFromGit(deps.git, head, choice, inputs);
    return {
        range,
        commits: () => describeCommits(deps.git, range.shas.slice(0, DESCRIBED))
    };
}
async function fromApi(inputs, ctx, deps, resolved, knownHead) {
    const { github } = deps;
    if (!github) {
        throw new errors/* InputError */.dz(`Invalid 'commit-source': "api" needs 'github-token' and a repository (GITHUB_REPOSITORY). Expected the default token, or 'commit-source: git' with a checkout.`);
    }
    const rev = knownHead ?? headRevision(inputs, ctx);
    const head = /^[0-9a-f]{40}$/i.test(rev)
        ? rev.toLowerCase()
        : await github.resolveCommit(rev);
    if (head === undefined) {
        const named = headName(inputs, ctx);
        if (named)
            throw unknownHead(rev, named, 'that GitHub knows');
        throw new errors/* CommitRangeError */.H1(`Head ${rev} is not a commit GitHub knows.`, `Set 'head' to a pushed commit or ref.`);
    }
    resolved.head = head;
    const choice = await chooseBase(inputs, ctx, head, {
        git: undefined,
        github,
        record: deps.record
    });
    Object.assign(resolved, { base: choice.ref, baseSource: choice.source });
    checkFirstDeployment(inputs, choice);
    const { range, commits } = await rangeFromApi(github, head, choice, inputs);
    return { range, commits: () => Promise.resolve(commits) };
}
/** Subjects and authors for the summary; a failure here warns and never stops the report. */
async function describeCommits(git, shas) {
    try {
        return await git.commitDetails(shas);
    }
    catch (error) {
        untrusted_say.warning(`Could not read commit subjects for the summary: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return [];
    }
}

;// CONCATENATED MODULE: ./src/report.ts
function emptyReport(serverUrl, repository) {
    return {
        environment: undefined,
        strategy: undefined,
        dryRun: false,
        isTest: false,
        repository,
        serverUrl,
        title: undefined,
        tags: [],
        resolved: {},
        skipped: undefined,
        range: undefined,
        commits: [],
        payload: undefined,
        post: undefined,
        verified: false,
        failure: undefined
    };
}

;// CONCATENATED MODULE: ./src/verify.ts



const PAGE_SIZE = 100;
/** The same commits, environment and (when listed) time as the payload. */
function verify_isSameDeployment(item, payload) {
    const shas = typeof item.commitSha === 'string' ? [item.commitSha] : item.commitSha;
    if (!Array.isArray(shas) || item.environmentName !== payload.environmentName)
        return false;
    const listed = new Set(shas.map((s) => String(s).toLowerCase()));
    const sameCommits = listed.size === payload.commitSha.length &&
        payload.commitSha.every((s) => listed.has(s));
    const sameTime = typeof item.deployedAt !== 'string' ||
        Date.parse(item.deployedAt) === Date.parse(payload.deployedAt);
    return sameCommits && sameTime;
}
/** Reads the deployment back through GET /deployment; throws VerificationError when absent. */
async function verifyDeployment(client, payload, { tries = 3, waitMs = 2000, maxPages = 10, maxMs = VERIFY_MS, sleep = (ms) => (0,external_node_timers_promises_.setTimeout)(ms) } = {}) {
    const deadline = AbortSignal.timeout(maxMs);
    for (let attempt = 1; attempt <= tries; attempt++) {
        for (let page = 1; page <= maxPages; page++) {
            const items = await readPage(client, page, deadline, maxMs);
            if (items.some((item) => verify_isSameDeployment(item, payload)))
                return;
            if (items.length < PAGE_SIZE)
                break;
        }
        if (attempt < tries)
            await sleep(waitMs);
    }
    throw new errors/* VerificationError */.mk(`The API accepted the deployment, but it is not in the first ${maxPages * PAGE_SIZE} deployments that GET /deployment lists (${tries} reads).`, 'Check in Multitudes that the key belongs to the organisation you are looking at; if the deployment appears later, the API was slow to list it.');
}
/** Verifying's bound: three reads of a slow API, not the hour that retries of each page allow. */
const VERIFY_MS = 30_000;
const ACCEPTED = 'The deployment was accepted (201). Re-run with verify: false, or check it in Multitudes.';
/** One page of the list, read before the deadline; throws when it cannot be read in time. */
async function readPage(client, page, deadline, maxMs) {
    // The deadline's abort rejects the read, even mid-body, and past it nothing is sent.
    const answer = await client
        .listDeployments(page, PAGE_SIZE, { signal: deadline })
        .catch((error) => {
        if (!deadline.aborted)
            throw error;
        throw new errors/* VerificationError */.mk(`Verifying stopped after ${maxMs / 1000} s without finding the deployment in what GET /deployment listed by then, so whether it is there is unknown.`, ACCEPTED);
    });
    const items = answer.complete ? deploymentsOf(answer.body) : undefined;
    if (items === undefined) {
        throw new errors/* VerificationError */.mk(`GET /deployment page ${page} could not be read as a list of deployments (${answer.complete ? 'not JSON, or no list in it' : 'the body broke, stalled or passed its size limit'}), so whether the deployment is there is unknown.`, ACCEPTED);
    }
    return items;
}

;// CONCATENATED MODULE: ./src/send.ts






const NO_RECORD = {
    current: undefined,
    fresh: () => undefined,
    membership: undefined
};
/**
 * POSTs the payload (unless this is a dry run, or Multitudes' record already holds it) and, with
 * `verify`, reads it back.
 */
async function sendDeployment(inputs, multitudes, payload, report, record = NO_RECORD) {
    if (inputs.dryRun || multitudes === undefined) {
        untrusted_say.info(`Dry run: would send ${plural(payload.commitSha.length, 'commit')} to ${inputs.apiUrl.href}.`);
        return;
    }
    if (await alreadyRecorded(record, payload, report))
        return;
    report.post = await group('Reporting deployment', () => {
        untrusted_say.info(`Posting ${plural(payload.commitSha.length, 'commit')} to ${inputs.apiUrl.host}; with retries this takes at most ${Math.ceil(multitudes.worstCaseMs / 1000)} s.`);
        return multitudes.postDeployment(payload, {
            checkRecord: record.current
                ? () => checkAgain(record, payload)
                : undefined
        });
    });
    untrusted_say.info(report.post.foundInRecord
        ? `Multitudes recorded the deployment (its record lists it at ${report.post.foundInRecord}).`
        : `Multitudes recorded the deployment (HTTP ${report.post.status}).`);
    if (inputs.verify) {
        await group('Verifying', () => verifyDeployment(multitudes, payload));
        report.verified = true;
        untrusted_say.info('The deployment reads back from GET /deployment.');
    }
}
/** True when Multitudes' record already holds the payload: it is not sent again. */
async function alreadyRecorded(record, payload, report) {
    if (!record.current)
        return false;
    const found = await findRecorded(record.current, payload, record.membership).catch((error) => {
        untrusted_say.warning(`Could not compare Multitudes' record with this deployment (${(0,errors/* errorMessage */.gJ)(error)}); sending it.`);
        return undefined;
    });
    if (!found)
        return false;
    report.skipped = `already recorded at ${found.deployedAt}`;
    untrusted_say.notice(`Nothing sent: Multitudes' record already holds this deployment (the same ${plural(payload.commitSha.length, 'commit')} to ${found.environment}), recorded at ${found.deployedAt}. A re-run or a repeated event must not count it twice.`);
    return true;
}
/** After an ambiguous failure of the POST: does a fresh read of the record hold the payload? */
async function checkAgain(record, payload) {
    // Unreadable before the POST (a key without the read scope): no second try says more.
    if (record.current?.unreadable !== undefined)
        return { state: 'unknown', why: record.current.unreadable };
    const fresh = record.fresh();
    if (!fresh)
        return { state: 'unknown', why: 'record-check is off' };
    return checkRecord(fresh, (r) => findRecorded(r, payload, record.membership));
}

;// CONCATENATED MODULE: ./src/execute.ts










/**
 * One run, shared by the action and the CLI: inputs, range, payload, POST. Never throws: a
 * failure is described in the report and judged by `on-error`.
 */
async function execute(read, env, ctx, makeDeps, now) {
    // deployedAt is fixed once, before the first attempt: every retry sends the same body.
    const startedAt = now().toISOString();
    const report = emptyReport(ctx.serverUrl, ctx.repository);
    const onError = onErrorOf(read);
    try {
        const inputs = getInputs(read, env);
        const { environment, strategy, dryRun, isTest, title, tags } = inputs;
        Object.assign(report, {
            environment,
            strategy,
            dryRun,
            isTest,
            title,
            tags
        });
        if (ctx.eventWarning)
            untrusted_say.warning(ctx.eventWarning);
        report.skipped = skipReason(ctx, environment, inputs.head !== undefined);
        if (report.skipped) {
            untrusted_say.notice(`Nothing to report: ${report.skipped}.`);
            return { report, failMessage: undefined };
        }
        const deps = makeDeps(inputs, ctx.repository, env);
        await deploy(inputs, ctx, deps, report, startedAt);
        return { report, failMessage: undefined };
    }
    catch (error) {
        report.failure = describeFailure(error);
        return { report, failMessage: applyOnError(report.failure, onError) };
    }
}
/** `on-error` alone: a bad one fails the run, and getInputs names it with every other bad input. */
function onErrorOf(read) {
    try {
        return getOnError(read);
    }
    catch {
        return 'fail';
    }
}
/** The range, the payload and the POST, each written into the report as it is known. */
async function deploy(inputs, ctx, deps, report, startedAt) {
    // Every run that posts reads the record first; its first page need not wait for git.
    if (!inputs.dryRun)
        deps.record?.prefetch();
    const { range, commits } = await group('Resolving commit range', () => resolveRange(inputs, ctx, deps, report.resolved));
    report.range = range;
    const described = commits();
    try {
        report.payload = buildPayload(inputs, range.shas, inputs.deployedAt ?? ctx.eventTime ?? startedAt);
        // Only in debug mode: a 100,000-commit payload is 4 MB of log.
        if (isDebug())
            untrusted_say.debug(`payload: ${JSON.stringify(report.payload)}`);
        await sendDeployment(inputs, deps.multitudes, report.payload, report, {
            current: deps.record,
            fresh: deps.freshRecord,
            membership: membershipOf(range.source === 'git' ? deps.git : undefined, deps.github)
        });
    }
    finally {
        report.commits = await described;
    }
}

;// CONCATENATED MODULE: ./src/outputs.ts






/** Every output as action.yml names it. */
const OUTPUTS = {
    reported: 'reported',
    status: 'status',
    response: 'response',
    requestId: 'request-id',
    payload: 'payload',
    commitShas: 'commit-shas',
    commitCount: 'commit-count',
    truncated: 'truncated',
    headSha: 'head-sha',
    baseSha: 'base-sha',
    baseSource: 'base-source',
    rangeStatus: 'range-status',
    deployedAt: 'deployed-at',
    skipped: 'skipped',
    payloadFile: 'payload-file'
};
/**
 * Characters the two lists (`payload` and `commit-shas`) may take together. GitHub allows 1 MB
 * of outputs per job, counted as UTF-16 (2 bytes a character): this leaves room for the rest.
 * The default max-commits (1,000) needs about 90,000; past the budget both are left empty, and
 * `payload-file` has the payload.
 */
const LIST_BUDGET = 400_000;
/** The value of every output for a report: success, dry run, skip and failure alike. */
function outputValues(report, payloadFile = '') {
    const { post, failure, payload, range } = report;
    const shas = payload?.commitSha ?? [];
    // The list's JSON is at least this long (a SHA needs no escaping), and the payload's longer:
    // past the budget neither 4 MB string is built just to be measured.
    const least = shas.reduce((n, sha) => n + sha.length + 3, 1);
    const small = 2 * least <= LIST_BUDGET;
    const json = payload && small ? deployment_payloadJson(payload) : '';
    const list = small ? JSON.stringify(shas) : '';
    const fits = small && json.length + list.length <= LIST_BUDGET;
    const values = {
        reported: String(post !== undefined),
        // 0: no HTTP answer came back, though the record shows the deployment.
        status: String(post?.status || failure?.status || ''),
        response: post?.body ?? failure?.body ?? '',
        'request-id': post?.requestId ?? failure?.requestId ?? '',
        payload: fits ? json : '',
        'commit-shas': fits ? list : '',
        'commit-count': String(shas.length),
        truncated: String(range?.truncated ?? false),
        'head-sha': range?.head ?? '',
        'base-sha': range?.base ?? '',
        'base-source': range?.baseSource ?? '',
        'range-status': range?.status ?? '',
        'deployed-at': payload?.deployedAt ?? '',
        skipped: report.skipped ?? '',
        'payload-file': payloadFile
    };
    // An answer may quote the key back (a proxy's error page): no output carries a secret.
    return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, redact(value)]));
}
/**
 * Sets every output; the payload is also written to a file in RUNNER_TEMP (`payload-file`). Runs
 * after the POST, so it never throws: a recorded deployment must not end as a red step that
 * invites a re-run.
 */
function setOutputs(report, tempDir = process.env.RUNNER_TEMP) {
    let file = '';
    if (report.payload && tempDir) {
        try {
            file = path.join(tempDir, `multitudes-payload-${process.pid}.json`);
            writeFileSync(file, payloadJson(report.payload));
        }
        catch (error) {
            file = '';
            say.warning(`Could not write the payload-file output in RUNNER_TEMP: ${errorMessage(error)}`);
        }
    }
    const values = outputValues(report, file);
    if (report.payload && values.payload === '') {
        say.warning(`The payload of ${report.payload.commitSha.length} commits is too large for step outputs (GitHub allows 1 MB per job): the payload and commit-shas outputs are empty${file ? `; the payload-file output (${file}) has it` : ''}.`);
    }
    try {
        for (const [name, value] of Object.entries(values)) {
            core.setOutput(name, value);
        }
    }
    catch (error) {
        say.warning(`Could not set the step outputs: ${errorMessage(error)}`);
    }
}

// EXTERNAL MODULE: ./src/cli/flags.ts
var flags = __webpack_require__(5377);
;// CONCATENATED MODULE: ./src/cli/args.ts


/** A command line the CLI cannot read: exit 2, said on stderr with a pointer to --help. */
class UsageError extends Error {
}
/** Edit distance, for "did you mean". */
function distance(a, b) {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) {
            next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        row = next;
    }
    return row[b.length];
}
/** The known flag closest to a mistyped one, when it is close enough to be the intent. */
function suggest(name, known) {
    const scored = known
        .map((k) => ({ k, d: k.startsWith(name) ? 1 : distance(name, k) }))
        .sort((a, b) => a.d - b.d);
    const best = scored[0];
    return best && best.d <= Math.max(2, Math.floor(name.length / 4))
        ? best.k
        : undefined;
}
/**
 * Reads argv against the flag table of `command`. Every way a command line can be wrong is a
 * UsageError naming the flag: unknown (with the nearest known one), missing value, a value given
 * to a switch, a flag given twice.
 */
function readCommandLine(argv, command) {
    const names = (0,flags/* flagsOf */.Zo)(command);
    const table = (0,flags/* flagTable */.tS)();
    const tokens = tokensOf(argv, names, table);
    const values = {};
    const positionals = [];
    const seen = new Set();
    for (const [i, token] of tokens.entries()) {
        if (token.kind === 'positional') {
            positionals.push(token.value);
            continue;
        }
        if (token.kind === 'option-terminator')
            continue;
        // -h is help everywhere; no other short flag exists.
        const name = token.rawName === '-h' ? 'help' : token.name;
        const flag = names.includes(name) ? table[name] : undefined;
        if (flag === undefined) {
            const near = suggest(name, names);
            throw new UsageError(`Unknown flag ${token.rawName}${near ? `: did you mean --${near}?` : '.'}`);
        }
        if (seen.has(name) && !flag.multiple)
            throw new UsageError(`--${name} is given twice; give it once.`);
        seen.add(name);
        if (flag.switch) {
            checkSwitch(name, token, tokens[i + 1]);
            values[name] = true;
            continue;
        }
        const value = args_valueOf(name, flag, token);
        values[name] = flag.multiple
            ? [...(values[name] ?? []), value]
            : value;
    }
    return { values, positionals };
}
function tokensOf(argv, names, table) {
    return (0,external_node_util_.parseArgs)({
        args: argv,
        strict: false,
        allowPositionals: true,
        tokens: true,
        options: Object.fromEntries(names.map((n) => [
            n,
            {
                type: table[n].switch ? 'boolean' : 'string',
                multiple: table[n].multiple === true
            }
        ]))
    }).tokens;
}
/** A switch takes no value: not `--x=…`, and not a `true`/`false` after it. */
function checkSwitch(name, token, next) {
    if (token.inlineValue)
        throw new UsageError(`--${name} is a switch and takes no value, but ${token.rawName}=${JSON.stringify(token.value ?? '')} gives one. Write --${name} to turn it on, or leave it out.`);
    if (next?.kind === 'positional' && /^(true|false)$/i.test(next.value))
        throw new UsageError(`--${name} is a switch and takes no value, but "${next.value}" follows it. Write --${name} to turn it on, or leave it out.`);
}
/** A flag's value: given, and not the next flag taken for one. */
function args_valueOf(name, flag, token) {
    if (token.value === undefined)
        throw new UsageError(`--${name} needs a value: --${name} ${flag.value ?? '<value>'}.`);
    if (!token.inlineValue && /^--?[a-z]/i.test(token.value))
        throw new UsageError(`--${name} needs a value, but the flag ${token.value} follows it. For a value that starts with "-", write --${name}=<value>.`);
    return token.value;
}

// EXTERNAL MODULE: ./src/interface.generated.ts
var interface_generated = __webpack_require__(3739);
;// CONCATENATED MODULE: ./src/cli/words.ts

/**
 * Workflow advice, and what a CLI user does instead. Made on each call (messages are few): a table
 * made when the module loads is out of the mutation tests' reach (see docs/testing.md).
 */
function replacements() {
    return [
        [
            /Input 'api-key' is empty and MULTITUDES_API_KEY is not set\. Expected a Multitudes API key with the Deployments write scope, e\.g\. 'api-key: \$\{\{ secrets\.MULTITUDES_API_KEY \}\}'\. Secrets are not passed to workflows triggered from forks; use 'dry-run: true' there\./,
            '--api-key is required: set MULTITUDES_API_KEY (or pass --api-key) to a Multitudes API key with the Deployments write scope; --dry-run needs neither.'
        ],
        [
            /Add actions\/checkout with fetch-depth: 0 before this step; if it checks out into a subfolder \('path:'\), set 'working-directory' to that folder\./,
            'Run it in a clone of the repository (with full history), or point --working-directory at one.'
        ],
        [
            /actions\/checkout with fetch-depth: 0 \(or filter: tree:0 for a large repository\)/,
            'a clone with full history (git fetch --unshallow)'
        ],
        [
            /Check out the deployed commit \(actions\/checkout with ref: (\S+) and fetch-depth: 0\), or set 'head'\./,
            'Check out the deployed commit ($1) with full history, or pass --head.'
        ],
        [/Fix the input in the workflow file;/, 'Fix the flag;'],
        [/(\d+) inputs are invalid/, '$1 flags are invalid'],
        [/'on-error: ([a-z-]+)'/g, '--on-error $1'],
        [/on-error: ([a-z-]+)/g, '--on-error $1'],
        [/commit-source: (git|api)/g, '--commit-source $1'],
        [/'dry-run: true'/g, '--dry-run']
    ];
}
/** A message in CLI words: `--environment`, not "input 'environment'"; no workflow advice. */
function cliWords(text) {
    // Allowed values ("one of 'base', 'head'") share names with inputs: keep them as they are.
    const lists = [];
    let out = text.replace(/one of ('[^']*'(?:, '[^']*')*)/g, (_m, list) => {
        lists.push(list);
        return `one of ⟦${lists.length - 1}⟧`;
    });
    for (const [pattern, replacement] of replacements())
        out = out.replace(pattern, replacement);
    for (const { name } of interface_generated/* ACTION_INPUTS */.b) {
        out = out
            .replaceAll(`Input '${name}'`, `--${name}`)
            .replaceAll(`input '${name}'`, `--${name}`)
            .replaceAll(`'${name}'`, `--${name}`);
    }
    // One quoting in every message: flags bare, what was given in "double", what to type in 'single'.
    return out
        .replace(/'(--[a-z-]+)'/g, '$1')
        .replace(/`([^`]+)`/g, "'$1'")
        .replace(/⟦(\d+)⟧/g, (_m, i) => lists[Number(i)]);
}
/** Ends a message with "Nothing was sent." unless it says so already. */
function withNothingSent(text) {
    return /nothing was sent/i.test(text) ? text : `${text} Nothing was sent.`;
}

;// CONCATENATED MODULE: ./src/cli/io.ts


/** Exit codes, as documented in the README. */
const EXIT = { ok: 0, failed: 1, usage: 2 };
/** A usage error: what is wrong, where to read more; exit 2. */
function usage(io, message, command = '') {
    io.err(`${cliWords(withNothingSent(message))}\nRun '${[version/* ACTION_NAME */.p, command, '--help'].filter(Boolean).join(' ')}' for every flag.`);
    return EXIT.usage;
}

// EXTERNAL MODULE: ./src/cli/ci.ts
var cli_ci = __webpack_require__(4348);
// EXTERNAL MODULE: ./src/cli/help.ts
var help = __webpack_require__(7911);
;// CONCATENATED MODULE: ./src/cli/json.ts
function parsed(text) {
    if (text === '')
        return null;
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
const orNull = (text) => (text === '' ? null : text);
/**
 * The outputs as `--json` prints them: the action's output names with JSON types. Booleans and
 * numbers are typed; `commit-shas`, `payload` and `response` are parsed when they are JSON; an
 * empty output is null.
 */
function typedOutputs(outputs) {
    return {
        reported: outputs.reported === 'true',
        status: outputs.status === '' ? null : Number(outputs.status),
        response: parsed(outputs.response),
        'request-id': orNull(outputs['request-id']),
        payload: parsed(outputs.payload),
        'commit-shas': parsed(outputs['commit-shas']),
        'commit-count': Number(outputs['commit-count']),
        truncated: outputs.truncated === 'true',
        'head-sha': orNull(outputs['head-sha']),
        'base-sha': orNull(outputs['base-sha']),
        'base-source': orNull(outputs['base-source']),
        'range-status': orNull(outputs['range-status']),
        'deployed-at': orNull(outputs['deployed-at']),
        skipped: orNull(outputs.skipped),
        'payload-file': orNull(outputs['payload-file'])
    };
}

;// CONCATENATED MODULE: ./src/cli/backfill-source.ts
/** Where the backfill's past deployments come from (`--source`), with what each source needs. */





const SOURCES = ['tags', 'releases', 'deployments', 'workflow-runs'];
/** A flag's value, else its default from the flag table. */
const backfill_source_text = (values, name) => {
    const value = values[name];
    return typeof value === 'string' ? value : (0,flags/* flagTable */.tS)()[name].default;
};
/** Flags that belong to one source: given with another, they would be silently ignored. */
const SOURCE_FLAGS = {
    'tag-pattern': 'tags',
    'include-prereleases': 'releases',
    workflow: 'workflow-runs',
    branch: 'workflow-runs'
};
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const WORKFLOW = /^(\d+|[A-Za-z0-9_.-]+\.ya?ml)$/;
function parseGitHubOptions(values, env) {
    const repository = (backfill_source_text(values, 'repository') ??
        env.GITHUB_REPOSITORY ??
        '').trim();
    if (repository === '')
        throw required('--repository', 'owner/name of the repository on GitHub (or set GITHUB_REPOSITORY)');
    if (!REPOSITORY.test(repository)) {
        throw invalid('--repository', repository, 'owner/name, e.g. octo-org/octo-repo (default: GITHUB_REPOSITORY)');
    }
    const token = (backfill_source_text(values, 'github-token') ?? env.GITHUB_TOKEN ?? '').trim();
    if (token !== '')
        addSecret(token);
    if (token === '') {
        throw new errors/* InputError */.dz('--github-token is required with the GitHub sources: set GITHUB_TOKEN (or pass --github-token) to a token with read access to contents, deployments and actions.');
    }
    return {
        repository,
        token: checkSecret('--github-token', token),
        apiUrl: parseApiUrl('--github-api-url', backfill_source_text(values, 'github-api-url') ??
            env.GITHUB_API_URL ??
            'https://api.github.com')
    };
}
function parseSource(values, env) {
    const given = backfill_source_text(values, 'source') ?? '';
    if (given.trim() === '')
        throw required('--source', `one of ${SOURCES.map((s) => `'${s}'`).join(', ')}`);
    const kind = parseEnum('--source', given, SOURCES);
    for (const [flag, owner] of Object.entries(SOURCE_FLAGS)) {
        if (values[flag] !== undefined && owner !== kind)
            throw new errors/* InputError */.dz(`--${flag} applies only to --source ${owner}, not ${kind}.`);
    }
    switch (kind) {
        case 'tags':
            return { kind, pattern: tagPattern(values) };
        case 'releases':
            return {
                kind,
                includePrereleases: values['include-prereleases'] === true,
                github: parseGitHubOptions(values, env)
            };
        case 'deployments':
            return { kind, github: parseGitHubOptions(values, env) };
        case 'workflow-runs':
            return {
                kind,
                workflow: workflowOf(values),
                branch: parseRevision('--branch', backfill_source_text(values, 'branch') ?? ''),
                github: parseGitHubOptions(values, env)
            };
    }
}
function tagPattern(values) {
    const pattern = parsePattern('--tag-pattern', backfill_source_text(values, 'tag-pattern') ?? '');
    if (pattern === undefined)
        throw required('--tag-pattern', "with --source tags, a glob such as 'v*'");
    return pattern;
}
function workflowOf(values) {
    const workflow = (backfill_source_text(values, 'workflow') ?? '').trim();
    if (workflow === '')
        throw required('--workflow', 'with --source workflow-runs, the workflow file name (e.g. deploy.yml) or its numeric id');
    if (!WORKFLOW.test(workflow)) {
        throw invalid('--workflow', workflow, 'the workflow file name, e.g. deploy.yml, or its numeric id');
    }
    return workflow;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/backfill/state.ts




/**
 * The default state file: outside the clone (never an untracked file in it), one per repository
 * and environment. In GitHub Actions, RUNNER_TEMP; elsewhere the XDG state folder.
 */
function defaultStateFile(env, home, target) {
    const folder = env.GITHUB_ACTIONS === 'true' && env.RUNNER_TEMP
        ? env.RUNNER_TEMP
        : external_node_path_default().join(env.XDG_STATE_HOME || external_node_path_default().join(home, '.local', 'state'), 'multitudes-deployment-action');
    const environment = target.environment.toLowerCase(); // one name whatever its case
    const key = `${target.repository}\n${environment}`;
    const readable = `${target.repository}-${environment}`
        .replace(/[^A-Za-z0-9._-]+/g, '_')
        .slice(0, 80);
    // The hash keeps apart names that read alike once made safe for a file name.
    const hash = (0,external_node_crypto_.createHash)('sha256').update(key).digest('hex').slice(0, 8);
    return external_node_path_default().join(folder, `backfill-${readable}-${hash}.jsonl`);
}
/**
 * What a state line is about: the target and the source's own identity of the deployment (a tag
 * name, a release id, a deployment id, a run id and attempt), never a time that can change.
 */
const stateKey = (target, id) => JSON.stringify([
    target.apiUrl,
    target.environment.toLowerCase(),
    target.isTest,
    target.repository,
    id
]);
/** The state file cannot be used: nothing is sent, since what it would record could be lost. */
class StateFileError extends errors/* HintedError */.J_ {
    name = 'StateFileError';
}
/** The keys of the deployments a state file says were recorded. A cut line costs only itself. */
function readState(file) {
    try {
        return parseState((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch {
        return new Set(); // no state file yet: nothing was posted
    }
}
function parseState(text) {
    const keys = new Set();
    for (const line of text.split('\n')) {
        try {
            const { key } = JSON.parse(line);
            if (typeof key === 'string')
                keys.add(key);
        }
        catch {
            // A line cut by a kill mid-write, or one from an older format: Multitudes' record is
            // checked before that deployment is sent again.
        }
    }
    return keys;
}
/**
 * Opens the state file for appending, before the first POST, so a file that cannot be written
 * stops the run while nothing has been sent. A lock file beside it keeps a second run on the same
 * state away until this one ends (a lock left by a process that is gone is taken over).
 */
function openState(file) {
    const lock = `${file}.lock`;
    try {
        // The default state folder may not exist yet.
        (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(file), { recursive: true });
    }
    catch {
        // takeLock says what is wrong with the folder
    }
    takeLock(file, lock);
    let fd;
    let text = '';
    try {
        try {
            text = (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch {
            // a new state file
        }
        fd = (0,external_node_fs_.openSync)(file, 'a');
    }
    catch (error) {
        (0,external_node_fs_.rmSync)(lock, { force: true });
        throw new StateFileError(`The state file ${file} cannot be written (${error.message}). Nothing was sent.`, 'Pass --state-file with a path in a writable folder.');
    }
    // A line cut by a kill has no newline: the next line must not join it.
    let needsNewline = text.length > 0 && !text.endsWith('\n');
    return {
        done: parseState(text),
        record(line) {
            (0,external_node_fs_.writeSync)(fd, `${needsNewline ? '\n' : ''}${JSON.stringify(line)}\n`);
            (0,external_node_fs_.fsyncSync)(fd);
            needsNewline = false;
        },
        close() {
            (0,external_node_fs_.closeSync)(fd);
            (0,external_node_fs_.rmSync)(lock, { force: true });
        }
    };
}
/**
 * The lock is made whole (with its owner's pid) under another name and linked into place: a run
 * that finds it never reads a lock that is there but still empty.
 */
function takeLock(file, lock) {
    const mine = `${lock}.${process.pid}`;
    for (let tries = 0; tries < 2; tries++) {
        try {
            (0,external_node_fs_.writeFileSync)(mine, String(process.pid));
            (0,external_node_fs_.linkSync)(mine, lock);
            return;
        }
        catch (error) {
            if (error.code !== 'EEXIST') {
                throw new StateFileError(`The state file ${file} cannot be written: its lock ${lock} cannot be made (${error.message}). Nothing was sent.`, 'Pass --state-file with a path in a writable folder.');
            }
            const owner = Number((0,external_node_fs_.readFileSync)(lock, 'utf8'));
            if (alive(owner)) {
                throw new StateFileError(`Another backfill (process ${owner}) is using this state file. Nothing was sent, so no deployment goes out twice.`, `Wait for it to end, or remove ${lock} if that process is not a backfill.`);
            }
            (0,external_node_fs_.rmSync)(lock, { force: true }); // left by a run that was killed
        }
        finally {
            try {
                (0,external_node_fs_.rmSync)(mine, { force: true });
            }
            catch {
                // Never made (its folder is not one): nothing to remove.
            }
        }
    }
    throw new StateFileError(`The state file's lock ${lock} could not be taken. Nothing was sent.`, 'Run the backfill again.');
}
function alive(pid) {
    if (!Number.isInteger(pid) || pid <= 0)
        return false;
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}

;// CONCATENATED MODULE: ./src/cli/backfill-options.ts
/** The backfill command's flags, read and checked: nothing is planned on bad input. */









/**
 * A date, or a date-time with a zone, as UTC ISO 8601. A bare date is a whole UTC day: `--since`
 * starts at its midnight, and `--until` takes it in to its last millisecond, so month-by-month
 * windows leave no day out.
 */
function parseWindow(name, raw) {
    if (raw === undefined)
        return undefined;
    const value = /^\d{4}-\d{2}-\d{2}$/.test(raw.trim())
        ? `${raw.trim()}T${name === '--until' ? '23:59:59.999' : '00:00:00'}Z`
        : raw;
    return input_parsers_parseDeployedAt(name, value);
}
/**
 * Every flag validated; throws InputError naming the first bad one. One table with a row per
 * option, longer than 40 lines on purpose: the order of its rows is the order flags are judged.
 */
function parseOptions(values, env) {
    const environment = parseEnvironment('--environment', backfill_source_text(values, 'environment') ?? '');
    const source = parseSource(values, env);
    const dryRun = values['dry-run'] === true;
    const apiKey = parseApiKey(values, env, dryRun);
    const apiUrl = parseApiUrl('--api-url', backfill_source_text(values, 'api-url') ?? '');
    const dir = parseWorkingDirectory('--working-directory', backfill_source_text(values, 'working-directory') ?? '', process.cwd()) ?? process.cwd();
    const isTest = values['is-test'] === true;
    const repository = backfill_options_repositoryOf(source, values, env, dir);
    return {
        environment,
        target: { apiUrl: apiUrl.href, environment, isTest, repository },
        source,
        since: parseWindow('--since', backfill_source_text(values, 'since')),
        until: parseWindow('--until', backfill_source_text(values, 'until')),
        maxCommits: parseInteger('--max-commits', backfill_source_text(values, 'max-commits') ?? '', 1, 100_000),
        apiUrl,
        apiKey: apiKey === undefined ? undefined : checkSecret('--api-key', apiKey),
        rate: parseInteger('--rate', backfill_source_text(values, 'rate') ?? '', 1, 100),
        title: parseText('--title', backfill_source_text(values, 'title') ?? '', input_values/* LIMITS */.b1.title),
        tags: parseTags('--tags', backfill_source_text(values, 'tags') ?? '', input_values/* LIMITS */.b1.tags, input_values/* LIMITS */.b1.tag),
        dir,
        onError: parseEnum('--on-error', backfill_source_text(values, 'on-error') ?? '', input_values/* ON_ERROR */.DD),
        stateFile: backfill_source_text(values, 'state-file') ??
            defaultStateFile(env, external_node_os_default().homedir(), { repository, environment }),
        isTest,
        recordCheck: parseBoolean('--record-check', backfill_source_text(values, 'record-check') ?? ''),
        dryRun,
        json: values.json === true
    };
}
function parseApiKey(values, env, dryRun) {
    const apiKey = (backfill_source_text(values, 'api-key') ?? env.MULTITUDES_API_KEY)?.trim() || undefined;
    if (apiKey !== undefined)
        addSecret(apiKey);
    if (apiKey === undefined && !dryRun) {
        throw new errors/* InputError */.dz('--api-key is required: set MULTITUDES_API_KEY (or pass --api-key) to a Multitudes API key with the Deployments write scope; --dry-run plans without one.');
    }
    return apiKey;
}
/** The repository the state file is kept for: a tag backfill may run on a bare checkout. */
function backfill_options_repositoryOf(source, values, env, dir) {
    return source.kind === 'tags'
        ? backfill_source_text(values, 'repository')?.trim() ||
            env.GITHUB_REPOSITORY ||
            `checkout ${external_node_path_default().resolve(dir)}`
        : source.github.repository;
}

;// CONCATENATED MODULE: ./src/backfill/sources.ts


/** A source's history could not be read whole; planning from part of it would be a guess. */
class SourceError extends errors/* HintedError */.J_ {
    name = 'SourceError';
}
/** Oldest first; the same second (tags pushed at once) by name as numbers: v2 before v10. */
function byTime(a, b) {
    return (Date.parse(a.deployedAt) - Date.parse(b.deployedAt) ||
        a.source.localeCompare(b.source, 'en', { numeric: true }));
}
/**
 * One deployment per commit shipped: two tags or releases of one commit in a row (`v1` moved
 * beside `v1.1.0`, `v1.2.0` beside `v1.2.0-rc.1`) shipped it once. The earliest wins and names
 * the others as aliases. The same commit again after another one is a rollback: its own
 * deployment.
 */
function onePerCommit(found) {
    const aliases = new Map();
    let current;
    for (const d of [...found].sort(byTime)) {
        if (current?.head === d.head)
            aliases.get(current)?.push(d);
        else
            aliases.set((current = d), []);
    }
    // The order found is kept: a listing's order says what was read.
    return found.flatMap((d) => {
        const others = aliases.get(d);
        if (others === undefined)
            return [];
        if (others.length === 0)
            return [d];
        const names = others.map((a) => a.source).join(', ');
        return [{ ...d, source: `${d.source} (alias: ${names})` }];
    });
}
/**
 * Tags matching `pattern` as deployments: the tagger date of an annotated tag, the committer
 * date of a lightweight one. A tag that names no commit is passed over.
 */
async function tagDeployments(git, pattern) {
    const found = [];
    for (const tag of await git.tags(pattern)) {
        const head = tag.peeled ?? tag.object;
        const time = tag.taggerDate || tag.peeledDate || tag.committerDate;
        if (!time || tag.commitType !== 'commit')
            continue;
        found.push({
            head,
            deployedAt: input_parsers_parseDeployedAt('tag date', time),
            source: `tag ${tag.name}`,
            id: `tag ${tag.name}`
        });
    }
    return onePerCommit(found);
}

;// CONCATENATED MODULE: ./src/backfill/github-sources.ts
/**
 * Past deployments that GitHub lists: published releases and successful deployments. Every
 * listing is read whole or not at all (see allPages).
 */




/** Pages read from one GitHub listing at most: 10,000 items. */
const MAX_PAGES = 100;
/**
 * Every page of a listing, newest first, until a short page or until `enough` says the rest is
 * older than anything needed. A listing longer than the cap is an error: its oldest part would
 * be missing, and the first deployment planned would then carry commits that shipped earlier.
 */
async function allPages(what, list, enough = () => false) {
    const items = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
        const batch = await list(page);
        items.push(...batch);
        if (batch.length < api/* PER_PAGE */.EK || batch.some(enough))
            return items;
    }
    throw tooMany(what);
}
function tooMany(what) {
    return new SourceError(`GitHub lists more than ${MAX_PAGES * api/* PER_PAGE */.EK} ${what}; the backfill reads no more than that.`, NARROW);
}
const NARROW = 'Narrow the history with --since (and --until), and run the backfill once for each window.';
/**
 * Published releases as deployments, at `published_at`, each at its tag's commit in the checkout.
 * Drafts are left out, and prereleases unless asked for. A release whose tag the checkout lacks
 * stops the run: without it, the next release would claim its commits.
 */
async function releaseDeployments(github, git, { includePrereleases, since }) {
    const kept = (r) => !r.draft && r.publishedAt !== null && (includePrereleases || !r.prerelease);
    // The newest release before the window is the first one's base; older pages are not needed.
    const before = (r) => kept(r) &&
        since !== undefined &&
        Date.parse(r.publishedAt) < Date.parse(since);
    const releases = (await allPages('releases', (page) => github.listReleases(page), before)).filter(kept);
    const tags = new Map((await git.tags('**')).map((t) => [t.name, t]));
    refuseMissingTags(releases, tags);
    refuseMovedTags(releases, tags);
    return onePerCommit(releases.map((r) => {
        const tag = tags.get(r.tagName);
        return {
            head: tag.peeled ?? tag.object,
            deployedAt: input_parsers_parseDeployedAt('published_at', r.publishedAt),
            source: `release ${r.tagName}`,
            id: `release ${r.id}`
        };
    }));
}
function refuseMissingTags(releases, tags) {
    const missing = releases.filter((r) => !tags.has(r.tagName));
    if (missing.length === 0)
        return;
    const names = missing.slice(0, 5).map((r) => r.tagName);
    throw new SourceError(`${plural(missing.length, 'release')} ${missing.length === 1 ? 'names a tag' : 'name tags'} the checkout does not have: ${names.join(', ')}${missing.length > 5 ? ', …' : ''}. Nothing was sent.`, 'Fetch the tags (git fetch --tags, or actions/checkout with fetch-depth: 0) and run again.');
}
/**
 * A tag moved after the release was published names a commit that did not exist then: its
 * commits were not what shipped at published_at, and no guess replaces them.
 */
function refuseMovedTags(releases, tags) {
    const moved = releases.flatMap((r) => {
        const tag = tags.get(r.tagName);
        // The commit's date: of a lightweight tag's commit, or of an annotated tag's (one level).
        const committed = tag.peeled ? tag.peeledDate : tag.committerDate;
        return committed &&
            isFuture(Date.parse(committed), Date.parse(r.publishedAt))
            ? [
                `${r.tagName} (published ${r.publishedAt}, its commit dated ${committed})`
            ]
            : [];
    });
    if (moved.length > 0) {
        throw new SourceError(`${plural(moved.length, 'release')} ${moved.length === 1 ? 'names a commit made after it was' : 'name a commit made after they were'} published, so the tag moved since: ${moved.slice(0, 5).join(', ')}${moved.length > 5 ? ', …' : ''}. What shipped at published_at is unknown; nothing was sent.`, 'Point each tag back at the commit that was released (git tag -f <tag> <commit>, then push the tag), and run again.');
    }
}
/**
 * GitHub deployments to `environment` that reached `success`, at that status's `created_at`.
 * GitHub treats environment names without case, so every deployment is read and `Production`
 * and `production` are one environment (its `environment=` filter matches the exact name only).
 */
async function githubDeployments(github, environment, { since, until }) {
    const wanted = environment.toLowerCase();
    return successfulDeployments(github, (page) => github.listDeployments(page), (name) => name.toLowerCase() === wanted, { since, until });
}
async function successfulDeployments(github, list, matches, { since, until }) {
    const found = [];
    // Newest first: once a success before the window is found (the first one's base), older
    // deployments are not needed. One created after the window needs no status look-up.
    const beforeWindow = (time) => since !== undefined && Date.parse(time) < Date.parse(since);
    const afterWindow = (time) => until !== undefined && Date.parse(time) > Date.parse(until);
    for (let page = 1; page <= MAX_PAGES; page++) {
        const deployments = await list(page);
        for (const d of deployments) {
            if (!matches(d.environment) || !FULL_SHA.test(d.sha))
                continue;
            if (afterWindow(d.createdAt))
                continue;
            const statuses = await allPages('deployment statuses', (p) => github.deploymentStatuses(d.id, p));
            // Listed newest first: the last success listed is when it became a success.
            const success = statuses.filter((s) => s.state === 'success').at(-1);
            if (success === undefined)
                continue;
            const deployedAt = input_parsers_parseDeployedAt('created_at', success.createdAt);
            found.push({
                head: d.sha.toLowerCase(),
                deployedAt,
                source: `deployment #${d.id}`,
                id: `deployment ${d.id}`
            });
            if (beforeWindow(deployedAt))
                return found;
        }
        if (deployments.length < api/* PER_PAGE */.EK)
            return found;
    }
    throw tooMany('deployments');
}

;// CONCATENATED MODULE: ./src/backfill/run-sources.ts




/**
 * Successful runs of `workflow` on `branch`, at each run's `updated_at` and `head_sha`: what
 * Multitudes' GitHub Actions integration counted. GitHub lists at most 1,000 runs a query, so
 * each next query asks for runs created at or before the oldest one seen.
 */
async function workflowRunDeployments(github, { workflow, branch, since, until }) {
    const read = { runs: new Map(), covered: false };
    let createdBefore = until;
    for (let query = 0; query < MAX_PAGES / 10; query++) {
        const { added, complete } = await readQuery(github, workflow, { branch, createdBefore }, since, read);
        if (complete)
            return [...read.runs.values()].flatMap(toDeployment);
        if (added === 0)
            break;
        createdBefore = read.oldestCreated;
    }
    throw new SourceError(`The runs of ${workflow} on ${branch} could not all be listed: GitHub returns at most 1,000 a query, and more than ${read.runs.size} were read.`, NARROW);
}
/** One query's pages (GitHub serves 10): how many runs were new, and whether all were read. */
async function readQuery(github, workflow, filter, since, read) {
    let added = 0;
    let totalCount = 0;
    for (let page = 1; page <= 10; page++) {
        const listed = await github.listWorkflowRuns(workflow, filter, page);
        for (const run of listed.runs) {
            if (!read.runs.has(run.id))
                added++;
            read.runs.set(run.id, run);
            if (read.oldestCreated === undefined ||
                run.createdAt < read.oldestCreated)
                read.oldestCreated = run.createdAt;
            read.covered ||=
                since !== undefined &&
                    run.conclusion === 'success' &&
                    Date.parse(run.updatedAt) < Date.parse(since);
        }
        if (listed.runs.length < api/* PER_PAGE */.EK || read.covered)
            return { added, complete: true };
        totalCount = listed.totalCount;
    }
    // Ten full pages: GitHub had no more than one query holds, or the next query goes on.
    return { added, complete: totalCount <= 10 * api/* PER_PAGE */.EK };
}
function toDeployment(run) {
    if (run.conclusion !== 'success' || !FULL_SHA.test(run.headSha))
        return [];
    return [
        {
            head: run.headSha.toLowerCase(),
            deployedAt: input_parsers_parseDeployedAt('updated_at', run.updatedAt),
            source: `run #${run.runNumber} (${run.id})`,
            id: `run ${run.id} attempt ${run.attempt}`
        }
    ];
}

;// CONCATENATED MODULE: ./src/cli/backfill-read.ts
/**
 * What a backfill reads: the clone it plans against, the past deployments of its source, and why
 * none were selected.
 */










/** Each request of a backfill, to Multitudes and to GitHub: the action's defaults. */
const REQUEST = { timeoutMs: 30_000, maxAttempts: 4 };
/** All of a backfill's GitHub calls: a source of thousands of deployments reads many pages. */
const BACKFILL_GITHUB_MS = 10 * 60_000;
/**
 * How much of Multitudes' record a backfill reads before its first POST: every deployment it may
 * send again is looked up there.
 */
const backfill_read_RECORD_BOUNDS = { maxPages: 100, maxMs: 60_000 };
/** The clone every range is planned against: outside one, said before anything is read. */
async function cloneAt(dir) {
    const git = createGitClient(dir);
    try {
        await git.isShallow();
    }
    catch (error) {
        if (error instanceof errors/* GitError */.XS && /not a git repository/i.test(error.stderr))
            throw new errors/* HintedError */.J_(`There is no git clone in ${external_node_path_default().resolve(dir)}. Nothing was sent.`, 'Run the backfill in a clone of the repository, or point --working-directory at one.');
        throw error;
    }
    return git;
}
/** The past deployments of the chosen source, in no order. */
async function readSource(options, git, log) {
    const { source, since, until } = options;
    if (source.kind === 'tags')
        return tagDeployments(git, source.pattern);
    (0,http/* transport */.et)().check(source.github.apiUrl);
    const github = (0,api/* createGitHubApi */._j)({
        token: source.github.token,
        repository: source.github.repository,
        baseUrl: source.github.apiUrl.href.replace(/\/$/, ''),
        bounds: (0,bounds/* githubBounds */.Z)(REQUEST.timeoutMs, REQUEST.maxAttempts, {
            totalMs: BACKFILL_GITHUB_MS
        }),
        tokenName: '--github-token',
        log
    });
    switch (source.kind) {
        case 'releases':
            return releaseDeployments(github, git, {
                includePrereleases: source.includePrereleases,
                since
            });
        case 'deployments':
            return githubDeployments(github, options.environment, { since, until });
        case 'workflow-runs':
            return workflowRunDeployments(github, {
                workflow: source.workflow,
                branch: source.branch ?? (await github.defaultBranch()),
                since,
                until
            });
    }
}
/** Why a backfill has nothing to send, naming what selected nothing. */
function nothingSelected(options, found) {
    const { source, since, until } = options;
    const what = source.kind === 'tags'
        ? `--tag-pattern "${source.pattern}" matches no tag in the clone`
        : source.kind === 'releases'
            ? `${options.target.repository} has no published release${source.includePrereleases ? '' : ' (prereleases are left out without --include-prereleases)'}`
            : source.kind === 'deployments'
                ? `${options.target.repository} has no successful GitHub deployment to "${options.environment}"`
                : `--workflow "${source.workflow}" has no successful run${source.branch ? ` on --branch "${source.branch}"` : ''}`;
    const window = [
        since && `--since ${since}`,
        until && `--until ${until}`
    ].filter(Boolean);
    return found === 0
        ? `${what}. Nothing was sent.`
        : `${window.join(' ')} selects none of the ${plural(found, 'deployment')} found. Nothing was sent.`;
}

;// CONCATENATED MODULE: ./src/backfill/plan.ts






/**
 * Oldest first, each deployment's commits are `git rev-list previous..this` under the live
 * run's rules (rollback: [head], behind; unknown or unrelated: [head], unavailable). The first
 * deployment in the window takes the latest one before the window as base; with none, it sends
 * [head], never the whole history.
 */
async function planBackfill(git, past, { since, until, maxCommits, now = Date.now() }) {
    const sorted = [...past].sort(byTime);
    const inWindow = (d) => (since === undefined || d.deployedAt >= since) &&
        (until === undefined || d.deployedAt <= until);
    refuseFuture(sorted.filter(inWindow), now);
    const planGit = await planningGit(git, sorted);
    const planned = [];
    let previous;
    for (const [at, deployment] of sorted.entries()) {
        if (until !== undefined && deployment.deployedAt > until)
            break;
        if (inWindow(deployment)) {
            const earlier = { before: sorted.slice(0, at), previous };
            planned.push(await planOne(planGit, deployment, earlier, maxCommits));
        }
        previous = deployment;
    }
    return planned;
}
function refuseFuture(inWindow, now) {
    const future = inWindow.filter((d) => isFuture(Date.parse(d.deployedAt), now));
    if (future.length === 0)
        return;
    const named = future.slice(0, 5).map((d) => `${d.source} (${d.deployedAt})`);
    throw new SourceError(`${plural(future.length, 'deployment')} ${future.length === 1 ? 'is' : 'are'} dated in the future: ${named.join(', ')}${future.length > 5 ? ', …' : ''}. Expected ${pastExpected(now)}. Nothing was sent.`, 'Fix the date at its source (re-tag, or correct the clock that set it), or end the window before it with --until.');
}
async function planningGit(git, sorted) {
    // One git call says which heads the checkout has (a GitHub deployment may name a commit that
    // was never merged, or was force-pushed away), and a history is shallow or not once: planning
    // 300 deployments then costs one rev-list each, not four git calls.
    const present = await git.presentCommits([
        ...new Set(sorted.map((d) => d.head))
    ]);
    const shallow = await git.isShallow();
    return {
        ...git,
        has: (sha) => present.has(sha),
        isShallow: () => Promise.resolve(shallow),
        resolveCommit: (rev) => present.has(rev) ? Promise.resolve(rev) : git.resolveCommit(rev)
    };
}
/** One deployment's range, from the one before it (or one on its own line of history). */
async function planOne(git, deployment, { before, previous }, maxCommits) {
    const base = previous?.head;
    const choice = { ref: base, source: 'previous-deployment' };
    const only = (status, source = choice.source) => ({
        ...deployment,
        base,
        range: headOnly(deployment.head, { ...choice, source }, status)
    });
    if (base === undefined)
        return only('first', 'none');
    if (!git.has(deployment.head)) {
        untrusted_say.warning(`${deployment.source}: head ${deployment.head} is not in the checkout (never merged, or force-pushed away): only head is sent.`);
        return only('unavailable');
    }
    const options = { maxCommits, paths: [] };
    const range = await rangeFromGit(git, deployment.head, choice, options);
    if (range.status !== 'diverged')
        return { ...deployment, base, range };
    const along = await fromSameLine(git, deployment, { before, previous: previous }, options);
    return along ?? { ...deployment, base, range };
}
/**
 * A range that diverged from the deployment before it (a rollback, a hotfix from another
 * branch): taken from an earlier deployment on head's own line of history, when there is one.
 */
async function fromSameLine(git, deployment, { before, previous }, options) {
    const along = await sameLine(git, before, deployment, previous);
    if (!along)
        return undefined;
    const choice = { ref: along.head, source: 'previous-deployment' };
    return {
        ...deployment,
        base: along.head,
        range: await rangeFromGit(git, deployment.head, choice, options)
    };
}
/** Earlier deployments looked at for one on the same line of history. */
const SAME_LINE_LOOKBACK = 50;
/**
 * A deployment whose previous one is on another line of history (a maintenance tag dated
 * between two releases of the main line) would re-send every commit since the two lines split,
 * already sent by the earlier releases of its own line, and date them again. Its base is the
 * newest earlier deployment that head contains instead. With none, the diverged range is kept,
 * with a warning that says what it sends again.
 */
async function sameLine(git, before, deployment, previous) {
    for (const candidate of before.slice(-SAME_LINE_LOOKBACK).reverse()) {
        if (candidate.head === previous.head)
            continue;
        if (await git.isAncestor(candidate.head, deployment.head)) {
            untrusted_say.info(`${deployment.source}: ${previous.source} before it is on another line of history; its base is ${candidate.source}, the newest earlier deployment it contains, so commits sent before are not sent again.`);
            return candidate;
        }
    }
    untrusted_say.warning(`${deployment.source}: ${previous.source} before it is on another line of history, and no earlier deployment is on this one: every commit since the two lines split is sent, including any an earlier deployment sent.`);
    return undefined;
}

// EXTERNAL MODULE: ./node_modules/cli-progress/cli-progress.js
var cli_progress = __webpack_require__(8502);
;// CONCATENATED MODULE: ./src/backfill/progress.ts

/** Seconds between progress lines in a log. */
const LINE_EVERY_MS = 5000;
/** A progress bar on a terminal (stderr); otherwise a line every few seconds through `log`. */
function createProgress(stream, log, now = Date.now) {
    if (stream.isTTY && !process.env.CI) {
        const bar = new cli_progress.SingleBar({
            stream,
            format: 'backfill [{bar}] {value}/{total} sent  {eta_formatted} left',
            hideCursor: true,
            clearOnComplete: true
        });
        return {
            start: (total) => bar.start(total, 0),
            update: (done) => bar.update(done),
            stop: () => bar.stop()
        };
    }
    let total = 0;
    let last = 0;
    return {
        start: (n) => {
            total = n;
            last = now();
        },
        update: (done) => {
            if (now() - last < LINE_EVERY_MS)
                return;
            last = now();
            log(`backfill: ${done} of ${total} sent…`);
        },
        stop: () => undefined
    };
}

;// CONCATENATED MODULE: ./src/backfill/plan-table.ts

/** The plan as a table: date, head, base, commit count, range status, source item. */
function planTable(items) {
    const rows = items.map((d) => [
        d.deployedAt,
        d.head.slice(0, 12),
        d.base ? d.base.slice(0, 12) : '(none)',
        String(d.commitCount),
        d.rangeStatus,
        // A release's tag name comes from GitHub: one short line, no workflow command.
        logLine(d.source, 120)
    ]);
    const header = ['date', 'head', 'base', 'commits', 'range', 'source'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    return [header, ...rows]
        .map((r) => r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd())
        .join('\n');
}

;// CONCATENATED MODULE: ./src/backfill/post-loop.ts




/** The POST loop; returns why it stopped early, if it did. */
async function postAll(plan, items, options, client, io, ledger) {
    const loop = { options, client, io, ledger, pace: pacer(io, options.rate) };
    let handled = 0;
    io.progress.start(items.filter((x) => x.status === 'planned').length);
    try {
        for (const [i, item] of items.entries()) {
            if (item.status !== 'planned')
                continue;
            const signal = io.interrupted();
            if (signal)
                return `interrupted by ${signal} before ${item.source}`;
            try {
                const stop = await postOne(plan[i], item, loop);
                if (stop)
                    return stop;
            }
            finally {
                io.progress.update(++handled);
            }
        }
        return undefined;
    }
    finally {
        io.progress.stop();
    }
}
function pacer(io, rate) {
    const interval = 1000 / rate;
    let last = -Infinity;
    return async () => {
        const wait = last + interval - io.now();
        if (wait > 0)
            await io.sleep(wait);
        last = io.now();
    };
}
/** One planned deployment: skipped when the record holds it, else posted and saved. */
async function postOne(p, item, { options, client, io, ledger, pace }) {
    const payload = buildPayload(options, p.range.shas, item.deployedAt);
    const already = ledger.recorded(payload);
    if (already) {
        io.log(`Skipped: ${logLine(item.source, 120)}: Multitudes' record holds it (recorded at ${already.deployedAt}).`);
        item.status = 'skipped';
        ledger.save(p, item, 'record');
        return undefined;
    }
    await pace();
    try {
        await client.postDeployment(payload, {
            checkRecord: () => post_loop_checkAgain(io, options.environment, payload)
        });
    }
    catch (error) {
        item.status = 'failed';
        const fix = error instanceof errors/* ApiError */.hD && !error.outage;
        io.log(`Failed: ${logLine(item.source, 120)}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return fix || options.onError === 'fail'
            ? `stopped at ${item.source} (${item.deployedAt}): ${(0,errors/* errorMessage */.gJ)(error)}`
            : undefined;
    }
    item.status = 'posted';
    try {
        ledger.save(p, item, 'post');
    }
    catch (error) {
        return `stopped after ${item.source}, which Multitudes recorded, because the state file could not be written (${(0,errors/* errorMessage */.gJ)(error)}); Multitudes' record is checked on the next run, so it is not sent again`;
    }
    return undefined;
}
/** After an ambiguous failure: does a fresh read of the record hold the payload? */
async function post_loop_checkAgain(io, environment, payload) {
    const fresh = io.freshRecord?.();
    if (!fresh)
        return { state: 'unknown', why: 'the record is not read' };
    return checkRecord(fresh, async (r) => (await recordIndex(r, environment))(payload));
}

;// CONCATENATED MODULE: ./src/backfill/run.ts



/**
 * Posts the plan in order, at most `rate` requests a second. A deployment is skipped without a
 * POST when the state file or Multitudes' record already holds it; each one the API records is
 * appended to the state file (flushed) at once. Stops at the first error a user must fix (400,
 * 401, 403), or at SIGINT/SIGTERM once the request in flight is settled, and says where.
 */
async function runBackfill(plan, options, client, io) {
    const done = readState(options.stateFile);
    const key = (p) => stateKey(options.target, p.id);
    const items = plan.map((p) => itemOf(p, done.has(key(p))));
    let stopped;
    const todo = items.filter((x) => x.status === 'planned').length;
    if (!options.dryRun && client && todo > 0)
        stopped = await postUnderLock(plan, items, options, client, io, key);
    const count = (status) => items.filter((x) => x.status === status).length;
    return {
        planned: items.length,
        posted: count('posted'),
        skipped: count('skipped'),
        failed: count('failed'),
        deployments: items,
        stopped
    };
}
/** Takes the state file's lock for the whole loop, so a second run cannot send the same ones. */
async function postUnderLock(plan, items, options, client, io, key) {
    const state = openState(options.stateFile);
    try {
        // Read again under the lock: a run that held it before may have posted some of these.
        for (const [i, item] of items.entries())
            if (state.done.has(key(plan[i])))
                item.status = 'skipped';
        const recorded = io.record
            ? await recordIndex(io.record, options.environment)
            : () => undefined;
        return await postAll(plan, items, options, client, io, {
            recorded,
            save: (p, item, via) => state.record({
                key: key(p),
                source: item.source,
                head: item.head,
                deployedAt: item.deployedAt,
                via,
                at: new Date(io.now()).toISOString()
            })
        });
    }
    finally {
        state.close();
    }
}
function itemOf(p, done) {
    return {
        head: p.head,
        base: p.base ?? null,
        commitCount: p.range.shas.length,
        rangeStatus: p.range.status,
        deployedAt: p.deployedAt,
        source: p.source,
        status: done ? 'skipped' : 'planned'
    };
}

;// CONCATENATED MODULE: ./src/cli/backfill.ts















async function backfillCommand(argv, env, cliIo, log) {
    const options = readOptions(argv, env, cliIo);
    if (typeof options === 'number')
        return options;
    const signals = watchSignals(log);
    const io = {
        log,
        sleep: (ms) => (0,external_node_timers_promises_.setTimeout)(ms),
        now: Date.now,
        progress: createProgress(process.stderr, log),
        interrupted: signals.interrupted
    };
    try {
        // A proxy that cannot be used is a setting to fix, said before anything is read or sent.
        if (options.apiKey !== undefined)
            (0,http/* transport */.et)().check(options.apiUrl);
        const result = await planAndPost(options, io, cliIo, log);
        if (!result)
            return EXIT.failed;
        return finish(result, options, cliIo, log, signals.interrupted());
    }
    catch (error) {
        const hint = error instanceof errors/* HintedError */.J_ ? ` ${error.hint}` : '';
        log(`Backfill failed: ${(0,errors/* errorMessage */.gJ)(error)}${hint}`);
        return 1;
    }
    finally {
        signals.stop();
    }
}
/**
 * Reads the source, plans every range, shows the plan and (unless it is a dry run) posts it;
 * undefined, said, when the source selects nothing.
 */
async function planAndPost(options, io, cliIo, log) {
    const git = await cloneAt(options.dir);
    const past = await readSource(options, git, log);
    const plan = await planBackfill(git, past, options);
    if (plan.length === 0) {
        log(`Backfill failed: ${nothingSelected(options, past.length)}`);
        return undefined;
    }
    const preview = await runBackfill(plan, { ...options, dryRun: true }, undefined, io);
    if (!options.json)
        cliIo.out(planTable(preview.deployments));
    const client = clientFor(options, log);
    if (!client)
        return preview;
    const freshRecord = () => recordOf(client, options, log);
    return runBackfill(plan, options, client, {
        ...io,
        record: freshRecord(),
        freshRecord
    });
}
/** The options, or the exit code of --help or of a usage error. */
function readOptions(argv, env, cliIo) {
    try {
        const { values, positionals } = readCommandLine(argv, 'backfill');
        if (values.help)
            return (cliIo.out((0,help/* backfillHelpText */.fQ)()), EXIT.ok);
        if (positionals.length > 0)
            throw new UsageError(`'backfill' takes flags only, but ${positionals.map((p) => `"${p}"`).join(' ')} was given.`);
        return parseOptions(values, env);
    }
    catch (error) {
        return usage(cliIo, (0,errors/* errorMessage */.gJ)(error), 'backfill');
    }
}
/**
 * SIGINT and SIGTERM ask the run to stop after the request in flight; a second one does not wait.
 */
function watchSignals(log) {
    let interrupted;
    const onSignal = (signal) => {
        // A second signal does not wait: the record is checked on the next run all the same.
        if (interrupted)
            process.exit(exitAfter(signal));
        interrupted = signal;
        log(`${signal}: stopping once the request in flight is settled and recorded in the state file.`);
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    return {
        interrupted: () => interrupted,
        stop: () => process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
    };
}
/** Multitudes' client, unless the run only plans. */
function clientFor(options, log) {
    return options.apiKey === undefined || options.dryRun
        ? undefined
        : createMultitudesClient({
            url: options.apiUrl,
            apiKey: options.apiKey,
            ...REQUEST,
            fetch: (0,http/* transport */.et)().request,
            proxy: (0,http/* transport */.et)().proxyFor(options.apiUrl),
            log
        });
}
/** A new read of Multitudes' record, unless --record-check is off. */
function recordOf(client, options, log) {
    return options.recordCheck
        ? createRecord(client, {
            includeTests: options.isTest,
            ...backfill_read_RECORD_BOUNDS,
            warn: log
        })
        : undefined;
}
/** Prints the outcome; the exit code says whether it all went through. */
function finish(result, options, cliIo, log, interrupted) {
    const { stopped, ...shape } = result;
    cliIo.out(options.json
        ? jsonText(shape)
        : `backfill: ${result.planned} planned, ${result.posted} posted, ${result.skipped} skipped, ${result.failed} failed`);
    if (stopped)
        log(`Backfill ${stopped}`);
    if (interrupted) {
        log("Run the same command again to resume: what was recorded is skipped (state file and Multitudes' record).");
        return exitAfter(interrupted);
    }
    // Under --on-error fail a failed POST stops the run; under warn it is counted, and the run is ok.
    return stopped ? 1 : 0;
}
/** The exit code after a signal, as a shell reports it (128 + the signal's number). */
const exitAfter = (signal) => signal === 'SIGTERM' ? 143 : 130;

;// CONCATENATED MODULE: ./src/cli/report.ts


















/** A CI variable that names a commit, validated like an input (it reaches git as a revision). */
function commitVariable(name, raw, shaOnly) {
    const value = raw.trim();
    if (shaOnly && !FULL_SHA.test(value)) {
        throw invalid(name, raw, 'a full commit SHA');
    }
    return parseRevision(name, value);
}
/** Where the CLI runs: a RunContext from the CI system's documented variables. */
function cliContext(env, repository) {
    const ci = (0,cli_ci/* detectCi */.Ay)(env);
    const previous = ci?.previous?.(env);
    const before = previous && commitVariable(previous[0], previous[1], true);
    const shaVariable = ci?.head.find((n) => (env[n] ?? '').trim() !== '');
    const sha = shaVariable === undefined
        ? undefined
        : commitVariable(shaVariable, env[shaVariable] ?? '', false);
    const runId = ci?.name === 'GitHub Actions' ? Number(env.GITHUB_RUN_ID ?? 0) : 0;
    return {
        eventName: pushBase(before) ? 'push' : 'cli',
        sha: sha ?? 'HEAD',
        shaVariable,
        ref: '',
        repository: repository ?? ci?.repository(env),
        serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
        runId,
        eventHead: undefined,
        eventWarning: undefined,
        pushBefore: pushBase(before),
        deletedRef: false,
        headFromCheckout: false,
        notDeployed: undefined,
        eventEnvironment: undefined,
        eventDeploymentId: undefined,
        ownRunIds: runId ? [runId] : [],
        eventTime: undefined
    };
}
/** Turns workflow commands (::warning:: …) into plain lines for other CI systems' logs. */
function plainLog(line, verbose) {
    const m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (!m)
        return line;
    const [, command, text] = m;
    if (command === 'add-mask' || command === 'endgroup')
        return undefined;
    if (command === 'debug')
        return verbose ? `debug: ${text}` : undefined;
    if (command === 'group')
        return `== ${text}`;
    return `${command}: ${text}`;
}
async function cli(argv, env, io) {
    if (argv[0] === 'backfill')
        return backfillCommand(argv.slice(1), env, io, (line) => untrusted_say.info(line));
    let line;
    try {
        line = readCommandLine(argv, 'report');
    }
    catch (error) {
        return usage(io, (0,errors/* errorMessage */.gJ)(error));
    }
    const { values: flags, positionals } = line;
    if (flags.help)
        return (io.out((0,help/* helpText */.BK)()), EXIT.ok);
    if (flags.version)
        return (io.out(`${version/* ACTION_NAME */.p} ${version/* ACTION_VERSION */.Y}`), EXIT.ok);
    const wrong = commandError(positionals);
    if (wrong)
        return usage(io, wrong);
    let ctx;
    try {
        ctx = cliContext(env, typeof flags.repository === 'string' ? flags.repository : undefined);
    }
    catch (error) {
        return usage(io, (0,errors/* errorMessage */.gJ)(error));
    }
    const outcome = await execute(flagReader(flags, env), env, ctx, createDeps, () => new Date());
    return report_finish(outcome, ctx, flags.json === true, env, io);
}
/** Prints the outcome (JSON, or lines for a person) and turns it into the exit code. */
function report_finish({ report, failMessage }, ctx, json, env, io) {
    if (json)
        io.out(jsonOutcome(report, ctx, env));
    else if (failMessage === undefined)
        printOutcome(report, env, io);
    if (failMessage === undefined)
        return EXIT.ok;
    untrusted_say.error(cliWords(failMessage));
    return report.failure?.input ? EXIT.usage : EXIT.failed;
}
/** What is wrong with the command named, if anything: 'report' alone is right here. */
function commandError(positionals) {
    if (positionals[0] === 'report' && positionals.length > 1)
        return `'report' takes flags only, but ${positionals
            .slice(1)
            .map((p) => `"${p}"`)
            .join(' ')} was given.`;
    if (positionals.length === 1 && positionals[0] === 'report')
        return undefined;
    const near = positionals[0] && suggest(positionals[0], ['report', 'backfill']);
    return positionals.length === 0
        ? "A command is required: 'report' or 'backfill'."
        : `Unknown command ${positionals.map((p) => `"${p}"`).join(' ')}${near ? `: did you mean '${near}'?` : "; expected 'report' or 'backfill'."}`;
}
/** The action's inputs, read from the flags: a flag given twice is one value a line. */
function flagReader(flags, env) {
    return (name) => {
        const value = flags[name];
        if (name === input_values/* INPUTS */.mc.githubToken && value === undefined)
            return env.GITHUB_TOKEN ?? '';
        return Array.isArray(value)
            ? value.join('\n')
            : value === undefined
                ? ''
                : String(value);
    };
}
function jsonOutcome(report, ctx, env) {
    const ci = (0,cli_ci/* detectCi */.Ay)(env);
    return jsonText({
        ...typedOutputs(outputValues(report)),
        repository: ctx.repository ?? null,
        ci: ci?.name ?? null,
        'run-url': ci?.runUrl(env) ?? null
    });
}
function printOutcome(report, env, io) {
    const outputs = outputValues(report);
    const runUrl = (0,cli_ci/* detectCi */.Ay)(env)?.runUrl(env);
    const verb = report.post
        ? 'Reported'
        : report.dryRun
            ? 'Dry run: would send'
            : 'Not reported:';
    io.out(`${verb} ${plural(outputs['commit-count'], 'commit')} to ${report.environment ?? ''} (${outputs['range-status'] || 'no range'}).`);
    if (runUrl)
        io.out(`CI run: ${runUrl}`);
    if (report.dryRun && report.payload)
        io.out(jsonText(report.payload));
}

;// CONCATENATED MODULE: ./src/cli/run.ts



/**
 * A stream's write that turns workflow commands into plain lines for `err`, in CLI words and
 * escaped; debug lines only when `verbose`, and never an empty line.
 */
function plainLines(verbose, err) {
    return (chunk) => {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
        for (const line of text.split('\n')) {
            const plain = line === '' ? undefined : plainLog(line, verbose);
            if (plain !== undefined)
                err(`${printable(cliWords(plain))}\n`);
        }
        return true;
    };
}
/** A whole CLI run, loaded only when --help or --version does not answer at once. */
async function run(argv, env = process.env) {
    // @actions/core writes workflow commands to stdout; other CI systems get plain lines on
    // stderr, and stdout carries only the result (the JSON with --json).
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = plainLines(env.RUNNER_DEBUG === '1', (line) => process.stderr.write(line));
    process.exitCode = await cli(argv, env, {
        out: (text) => void write(`${printable(text)}\n`),
        err: (text) => void process.stderr.write(`${printable(text)}\n`)
    });
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dx: () => (/* binding */ connectionFailure),
/* harmony export */   H1: () => (/* binding */ CommitRangeError),
/* harmony export */   IG: () => (/* binding */ GitNotFoundError),
/* harmony export */   J_: () => (/* binding */ HintedError),
/* harmony export */   T6: () => (/* binding */ ProxyError),
/* harmony export */   XS: () => (/* binding */ GitError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   hD: () => (/* binding */ ApiError),
/* harmony export */   mk: () => (/* binding */ VerificationError)
/* harmony export */ });
/** A bad input value. Raised before anything is sent; the user must fix the workflow. */
class InputError extends Error {
    name = 'InputError';
}
/** A git command failed. Carries the arguments (never secrets) and stderr for the log. */
class GitError extends Error {
    name = 'GitError';
    args;
    exitCode;
    stderr;
    constructor(args, exitCode, stderr) {
        const detail = stderr.trim().split('\n').slice(-3).join(' ');
        super(`git ${args.join(' ')} failed with exit code ${exitCode}${detail ? `: ${detail}` : ''}`);
        this.args = args;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }
}
/** git is not installed (not on PATH): there is no checkout to read. */
class GitNotFoundError extends Error {
    name = 'GitNotFoundError';
    constructor() {
        super('git is not installed on this runner (not found on PATH).');
    }
}
/** A failure the user can act on, with what to do about it. */
class HintedError extends Error {
    hint;
    constructor(message, hint) {
        super(message);
        this.hint = hint;
    }
}
/** A proxy variable the transport cannot use: a setting to fix, never an outage to retry. */
class ProxyError extends HintedError {
    name = 'ProxyError';
}
/** The commit range cannot be computed correctly; sending a short list would be wrong. */
class CommitRangeError extends HintedError {
    name = 'CommitRangeError';
}
/** `verify: true` could not read the deployment back after the API accepted it. */
class VerificationError extends HintedError {
    name = 'VerificationError';
}
/**
 * The Multitudes API did not accept the deployment. `status` is undefined when no HTTP answer
 * came back (network error, timeout). `outage` marks failures the user cannot fix from the
 * workflow (unreachable, 429, 5xx after every attempt).
 */
class ApiError extends Error {
    name = 'ApiError';
    status;
    body;
    requestId;
    attempts;
    fields;
    /** The request may have been recorded, and the record could not say: check, never re-send blind. */
    unknown;
    constructor(message, details) {
        super(message);
        this.unknown = details.unknown ?? false;
        this.status = details.status;
        this.body = details.body ?? '';
        this.requestId = details.requestId;
        this.attempts = details.attempts;
        this.fields = details.fields ?? [];
    }
    get outage() {
        const s = this.status;
        return s === undefined || s === 408 || s === 429 || s >= 500;
    }
}
/** The message of anything thrown, including non-Error values. */
function errorMessage(error) {
    // Duck-typed: errors from another realm (a VM context, undici) fail `instanceof Error`.
    const message = error?.message;
    if (typeof message === 'string')
        return message;
    if (typeof error === 'string')
        return error;
    try {
        return JSON.stringify(error) ?? String(error);
    }
    catch {
        return String(error);
    }
}
/**
 * What a failed fetch says: "fetch failed" says nothing, the deepest cause says what did
 * (ENOTFOUND, a proxy's 403). Duck-typed: undici's errors may come from another realm.
 */
function connectionFailure(error) {
    let root = error;
    while (root?.cause)
        root = root.cause;
    // A system code (ECONNREFUSED, ENOTFOUND) says it all; undici's own codes say less than
    // their messages.
    const code = typeof root?.code === 'string' ? root.code : undefined;
    const detail = code !== undefined && /^E[A-Z0-9_]+$/.test(code) ? code : errorMessage(root);
    return { detail, code };
}


/***/ }),

/***/ 8943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EK: () => (/* binding */ PER_PAGE),
/* harmony export */   OS: () => (/* binding */ GitHubApiError),
/* harmony export */   _j: () => (/* binding */ createGitHubApi)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/** A GitHub API call failed; the hint names the token permission or the fix. */
class GitHubApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HintedError */ .J_ {
    name = 'GitHubApiError';
    status;
    /** GitHub was unreachable, out of time or failing (5xx, 429): nothing to fix in the workflow. */
    outage;
    constructor(message, hint, status, outage = false) {
        super(message, hint);
        this.status = status;
        this.outage = outage;
    }
}
const PER_PAGE = 100;
/**
 * The GitHub client. Octokit and the transport load on the first call
 * (a chunk of their own): most runs make none, and loading them costs every run that does not.
 */
function createGitHubApi(options) {
    let loaded;
    const load = () => (loaded ??= Promise.all(/* import() */[__webpack_require__.e(785), __webpack_require__.e(559)]).then(__webpack_require__.bind(__webpack_require__, 3559)).then((m) => m.createOctokitApi(options)));
    const use = async (call) => call(await load());
    return {
        listDeployments: (page, environment) => use((api) => api.listDeployments(page, environment)),
        latestStatus: (id) => use((api) => api.latestStatus(id)),
        deploymentStatuses: (id, page) => use((api) => api.deploymentStatuses(id, page)),
        listReleases: (page) => use((api) => api.listReleases(page)),
        listWorkflowRuns: (workflow, filter, page) => use((api) => api.listWorkflowRuns(workflow, filter, page)),
        defaultBranch: () => use((api) => api.defaultBranch()),
        jobRun: (jobId) => use((api) => api.jobRun(jobId)),
        resolveCommit: (ref) => use((api) => api.resolveCommit(ref)),
        compare: (base, head, page) => use((api) => api.compare(base, head, page))
    };
}


/***/ }),

/***/ 6602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ githubBounds)
/* harmony export */ });
/* harmony import */ var _backoff_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2431);
/* harmony import */ var _multitudes_limits_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4364);


function githubBounds(timeoutMs, maxAttempts, overrides = {}) {
    return {
        timeoutMs,
        maxAttempts,
        totalMs: (0,_backoff_js__WEBPACK_IMPORTED_MODULE_0__/* .worstCaseMs */ .a6)(maxAttempts, timeoutMs, _backoff_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_BACKOFF */ .VU),
        bodyLimit: _multitudes_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .GET_BODY_LIMIT */ .yK,
        backoff: _backoff_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_BACKOFF */ .VU,
        ...overrides
    };
}


/***/ }),

/***/ 3239:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gb: () => (/* binding */ requestIdOf),
/* harmony export */   Me: () => (/* binding */ fieldProblemsOf),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   mf: () => (/* binding */ readBodyText)
/* harmony export */ });
/**
 * The body as text, at most `limit` bytes (a huge error page must not fill memory or logs),
 * within `deadlineMs`. Never throws: a body that breaks or stalls gives what arrived.
 */
async function readBodyText(response, limit, deadlineMs = Infinity) {
    if (!response.body)
        return { text: '', complete: true };
    const reader = response.body.getReader();
    let timer;
    const deadline = new Promise((resolve) => {
        if (Number.isFinite(deadlineMs))
            timer = setTimeout(() => resolve('late'), deadlineMs);
    });
    const { chunks, size, cut } = await readChunks(reader, limit, deadline);
    clearTimeout(timer);
    const complete = cut === undefined && size <= limit;
    if (!complete)
        await reader.cancel().catch(() => undefined);
    const text = Buffer.concat(chunks).toString('utf8');
    return size > limit
        ? { text: text.slice(0, limit), complete: false, cut: 'limit' }
        : { text, complete, ...(cut && { cut }) };
}
/** Reads until the end, past `limit` bytes, the deadline, or a break (the chunks are kept). */
async function readChunks(reader, limit, deadline) {
    const chunks = [];
    let size = 0;
    try {
        for (;;) {
            const next = await Promise.race([reader.read(), deadline]);
            if (next === 'late')
                return { chunks, size, cut: 'late' };
            if (next.done)
                return { chunks, size };
            chunks.push(next.value);
            size += next.value.byteLength;
            if (size > limit)
                return { chunks, size };
        }
    }
    catch {
        // A broken connection: keep what arrived.
        return { chunks, size, cut: 'broken' };
    }
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
const ID_HEADERS = [
    'x-request-id',
    'x-amzn-requestid',
    'x-amz-request-id',
    'x-correlation-id'
];
const ID_FIELDS = ['requestId', 'request_id', 'requestID'];
/** The request id a 500 asks users to quote to support, from the body or the headers. */
function requestIdOf(headers, body) {
    const json = parseJson(body);
    if (typeof json === 'object' && json !== null) {
        for (const key of ID_FIELDS) {
            const value = json[key];
            if (typeof value === 'string' && value !== '')
                return value;
        }
    }
    for (const name of ID_HEADERS) {
        const value = headers.get(name);
        if (value)
            return value;
    }
    return undefined;
}
/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), if any. */
function retryAfterMs(header, now = Date.now()) {
    if (header === null || header.trim() === '')
        return undefined;
    const value = header.trim();
    if (/^\d+(\.\d+)?$/.test(value))
        return Math.round(Number(value) * 1000);
    // An HTTP-date names its weekday and month; Date.parse alone accepts "-5" as a year.
    const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/**
 * The fields a 400 names. The vendor promises "a list of fields that have an issue" without a
 * schema, so accept the usual shapes: arrays of strings or of `{field|path|name, message}`
 * under `errors`, `fields`, `issues` or `details`, or an object of field → message.
 */
function fieldProblemsOf(body) {
    const json = parseJson(body);
    if (typeof json !== 'object' || json === null)
        return [];
    const record = json;
    for (const key of [
        'errors',
        'fields',
        'issues',
        'details',
        'invalidFields'
    ]) {
        const list = record[key];
        if (Array.isArray(list))
            return list.flatMap(toProblem);
        if (typeof list === 'object' && list !== null) {
            return Object.entries(list).map(([field, message]) => ({
                field,
                message: typeof message === 'string' ? message : JSON.stringify(message)
            }));
        }
    }
    return [];
}
function toProblem(item) {
    if (typeof item === 'string')
        return [{ field: item, message: 'invalid' }];
    if (typeof item !== 'object' || item === null)
        return [];
    const r = item;
    const rawField = r.field ?? r.path ?? r.name ?? r.param;
    const field = Array.isArray(rawField) ? rawField.join('.') : rawField;
    const message = r.message ?? r.error ?? r.msg ?? 'invalid';
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    return typeof field === 'string' && field !== ''
        ? [{ field, message: text }]
        : [];
}


/***/ }),

/***/ 2011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  et: () => (/* binding */ transport)
});

// UNUSED EXPORTS: createTransport, redactProxy

// EXTERNAL MODULE: ./node_modules/proxy-from-env/index.js
var proxy_from_env = __webpack_require__(8182);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/http-direct.ts
/**
 * How long a connection may sit idle and still carry the next request. A server closes idle
 * connections on its own clock (gunicorn after 2 s, Node after 5 s); a POST written as it does so
 * is reset, and nobody can say whether it was recorded. Closing first, well inside those, leaves
 * no such race: a backfill's POSTs, seconds apart, each take a new connection.
 */
const IDLE_MS = 1000;
const loaded = new Map();
/**
 * node:http or node:https with its agent, on the first request: loading node:https costs about
 * 15 ms, which an input error or a dry run should not pay. process.getBuiltinModule (Node 20.16+)
 * loads it as CommonJS; an ES import of node:http would also load Node's internal undici.
 * Agents keep connections alive, so the record check's GET and the POST share one; idle ones
 * never hold the process open (Node unrefs them), and are closed after IDLE_MS.
 */
async function client(protocol) {
    const name = protocol === 'https:' ? 'node:https' : 'node:http';
    let found = loaded.get(name);
    if (!found) {
        const module = process.getBuiltinModule?.(name) ??
            (protocol === 'https:'
                ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23))
                : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7067, 23)));
        found = {
            module,
            agent: new module.Agent({ keepAlive: true, timeout: IDLE_MS })
        };
        loaded.set(name, found);
    }
    return found;
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** fetch's limit. */
const MAX_REDIRECTS = 20;
/**
 * Requests with no proxy, over node:http or node:https: undici (≈ 20–70 ms to load) is left for
 * proxies. It answers as fetch does: redirects are followed (at most 20; a 303, or a 301/302 to a
 * POST, continues as a GET) unless `redirect: 'manual'`, the signal aborts the request or its
 * body with the signal's reason, and a connection failure is a TypeError whose cause holds the
 * system error and its code.
 */
const directFetch = async (input, init = {}) => {
    let url = new URL(String(input));
    let request = init;
    for (let redirects = 0;; redirects++) {
        const response = await once(url, request);
        const location = response.headers.get('location');
        if (request.redirect === 'manual' ||
            !REDIRECTS.has(response.status) ||
            location === null)
            return response;
        await response.body?.cancel();
        if (redirects === MAX_REDIRECTS)
            throw new TypeError('fetch failed', {
                cause: new Error('redirect count exceeded')
            });
        const asGet = response.status === 303 ||
            (request.method === 'POST' &&
                response.status !== 307 &&
                response.status !== 308);
        if (asGet)
            request = { ...request, method: 'GET', body: undefined };
        url = new URL(location, url);
    }
};
async function once(url, init) {
    const { module, agent } = await client(url.protocol);
    return new Promise((resolve, reject) => {
        const { signal } = init;
        if (signal?.aborted)
            return reject(signal.reason);
        const body = init.body === undefined ? undefined : Buffer.from(init.body);
        const request = module.request(url, {
            method: init.method ?? 'GET',
            agent,
            headers: {
                ...init.headers,
                ...(body && { 'Content-Length': String(body.length) })
            }
        });
        const abort = () => {
            request.destroy(signal?.reason);
            reject(signal?.reason);
        };
        signal?.addEventListener('abort', abort, { once: true });
        request.on('error', (error) => {
            signal?.removeEventListener('abort', abort);
            reject(new TypeError('fetch failed', { cause: error }));
        });
        request.on('response', (response) => {
            response.on('close', () => signal?.removeEventListener('abort', abort));
            resolve({
                status: response.statusCode ?? 0,
                statusText: response.statusMessage ?? '',
                url: url.href,
                headers: headersOf(response.headers),
                body: bodyOf(response)
            });
        });
        request.end(body);
    });
}
/**
 * A response as a body reader: a read at a time, and a cancel at any moment that ends a pending
 * read as done (a failure rejects it with its reason). Readable.toWeb does the same, but loads
 * Node's web streams, ≈ 2–3 ms of every run.
 */
function bodyOf(stream) {
    const cancel = () => {
        stream.destroy();
        return Promise.resolve();
    };
    const read = () => new Promise((resolve, reject) => {
        const events = ['readable', 'end', 'error', 'close'];
        const settle = () => {
            const chunk = stream.read();
            if (chunk === null && !stream.readableEnded && !stream.destroyed)
                return;
            for (const event of events)
                stream.off(event, settle);
            if (chunk !== null)
                resolve({ done: false, value: chunk });
            else if (stream.errored)
                reject(stream.errored);
            else
                resolve({ done: true });
        };
        for (const event of events)
            stream.on(event, settle);
        settle();
    });
    return { cancel, getReader: () => ({ read, cancel }) };
}
/** Response headers as fetch's Headers reads them: any case, repeated ones joined. */
function headersOf(raw) {
    const map = new Map();
    for (const [name, value] of Object.entries(raw))
        if (value !== undefined)
            map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    return {
        get: (name) => map.get(name.toLowerCase()) ?? null,
        [Symbol.iterator]: () => map.entries()
    };
}

;// CONCATENATED MODULE: ./src/http.ts



/** undici tunnels through HTTP proxies only (plain or TLS); SOCKS and the rest are refused. */
const SCHEMES = new Set(['http:', 'https:']);
/** A proxy URL without its user and password, for messages. */
function redactProxy(proxy) {
    try {
        const url = new URL(proxy);
        url.username = '';
        url.password = '';
        return url.href.replace(/\/$/, '');
    }
    catch {
        return 'the configured proxy';
    }
}
/**
 * The proxy for `url` and the variable it came from: proxy-from-env decides whether one applies
 * (NO_PROXY), and the variable is looked up in its order (lower case first) to be named. A value
 * without a scheme is an HTTP proxy, as curl and @actions/http-client take it.
 */
function resolveProxy(url) {
    if (!(0,proxy_from_env/* getProxyForUrl */.T)(url.href))
        return undefined;
    const scheme = url.protocol.slice(0, -1);
    for (const name of [`${scheme}_proxy`, 'all_proxy']) {
        for (const variable of [name, name.toUpperCase()]) {
            const value = process.env[variable];
            if (value)
                return {
                    variable,
                    proxy: value.includes('://') ? value : `http://${value}`
                };
        }
    }
    return undefined;
}
/** The proxy for `url`, checked: ProxyError names the variable when it cannot be used. */
function usableProxy(url) {
    const found = resolveProxy(url);
    if (!found)
        return undefined;
    let scheme;
    try {
        scheme = new URL(found.proxy).protocol;
    }
    catch {
        throw new errors/* ProxyError */.T6(`${found.variable} is not a URL, so ${url.host} cannot be reached through it.`, `Set ${found.variable} to http://host:port (or https://), or add ${url.hostname} to NO_PROXY; nothing was sent.`);
    }
    if (!SCHEMES.has(scheme)) {
        throw new errors/* ProxyError */.T6(`${found.variable} names a ${scheme.slice(0, -1)} proxy (${redactProxy(found.proxy)}); only http:// and https:// proxies are supported, so ${url.host} cannot be reached through it.`, `Set ${found.variable} to an HTTP proxy (http://host:port), or add ${url.hostname} to NO_PROXY; nothing was sent.`);
    }
    return found.proxy;
}
const loadUndici = () => __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 6752, 19));
function createTransport() {
    let undici;
    const proxies = new Map();
    const throughProxy = async (url, proxy, init = {}) => {
        const { fetch, ProxyAgent } = await (undici ??= loadUndici());
        let dispatcher = proxies.get(proxy);
        if (!dispatcher) {
            dispatcher = new ProxyAgent(proxy);
            proxies.set(proxy, dispatcher);
        }
        return fetch(url, { ...init, dispatcher });
    };
    return {
        // async: a ProxyError rejects, as fetch's does.
        request: async (input, init) => {
            const url = new URL(String(input));
            const proxy = usableProxy(url);
            return proxy ? throughProxy(url, proxy, init) : directFetch(url, init);
        },
        proxyFor: (url) => {
            const proxy = usableProxy(url);
            return proxy ? redactProxy(proxy) : undefined;
        },
        check: (url) => void usableProxy(url)
    };
}
let shared;
/** The process's transport, made on first use (the environment is read per request). */
function transport() {
    shared ??= createTransport();
    return shared;
}


/***/ }),

/***/ 4364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Th: () => (/* binding */ BODY_LIMIT),
/* harmony export */   W8: () => (/* binding */ PARSE_LIMIT),
/* harmony export */   yK: () => (/* binding */ GET_BODY_LIMIT),
/* harmony export */   zC: () => (/* binding */ BODY_DEADLINE_MS)
/* harmony export */ });
/** How much of Multitudes' answers is read and kept, and how long a 2xx body may take. */
/** Bytes of a POST response kept for outputs and messages. */
const BODY_LIMIT = 64 * 1024;
/** Bytes of a GET page read: 100 deployments of many SHAs each are well over 64 KiB. */
const GET_BODY_LIMIT = 16 * 1024 * 1024;
/** Bytes of a POST answer read to parse it (field errors); BODY_LIMIT of them are kept. */
const PARSE_LIMIT = 1024 * 1024;
/** How long the body of a 2xx may take once its status line arrived. */
const BODY_DEADLINE_MS = 5000;


/***/ })

};
