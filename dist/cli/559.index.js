export const id = 559;
export const ids = [559];
export const modules = {

/***/ 3559:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createOctokitApi: () => (/* binding */ createOctokitApi)
});

// EXTERNAL MODULE: ./node_modules/@octokit/core/dist-src/index.js + 13 modules
var dist_src = __webpack_require__(5194);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http.ts + 1 modules
var http = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/github/api.ts
var api = __webpack_require__(8943);
// EXTERNAL MODULE: ./src/github/bounds.ts
var bounds = __webpack_require__(6602);
;// CONCATENATED MODULE: ./src/github/compare.ts

/**
 * Commits: a ref's SHA, and the pages of a comparison (permission contents: read). Longer than 40
 * lines as one object of endpoints, each a few lines.
 */
function compareApi({ octokit, owner, repo, lookup }) {
    return {
        // 422: a ref that is no commit-ish.
        resolveCommit: async (ref) => (await lookup('get commit', [404, 422], () => octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', {
            owner,
            repo,
            ref,
            per_page: 1
        })))?.data.sha,
        // 404: an unknown SHA, or no common ancestor.
        compare: async (base, head, page) => {
            const response = await lookup('compare', [404], () => octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
                owner,
                repo,
                basehead: `${base}...${head}`,
                per_page: api/* PER_PAGE */.EK,
                page
            }));
            if (!response)
                return undefined;
            const { data } = response;
            return {
                status: data.status,
                totalCommits: data.total_commits,
                baseSha: data.base_commit.sha,
                commits: data.commits.map((c) => ({
                    sha: c.sha,
                    date: c.commit.committer?.date ?? c.commit.author?.date ?? '',
                    author: c.commit.author?.name ?? c.author?.login ?? '',
                    subject: c.commit.message.split('\n')[0]
                }))
            };
        }
    };
}

;// CONCATENATED MODULE: ./src/github/deployments.ts

/**
 * Deployments and their statuses (permission deployments: read). Longer than 40 lines as one
 * object of endpoints, each a few lines.
 */
function deploymentsApi({ octokit, owner, repo, call }) {
    const statuses = (deploymentId, perPage, page) => octokit.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        owner,
        repo,
        deployment_id: deploymentId,
        per_page: perPage,
        page
    });
    return {
        listDeployments: (page, environment) => call('list deployments', 'deployments:read', async () => {
            const { data } = await octokit.request('GET /repos/{owner}/{repo}/deployments', {
                owner,
                repo,
                per_page: api/* PER_PAGE */.EK,
                page,
                ...(environment === undefined ? {} : { environment })
            });
            return data.map((d) => ({
                id: Number(d.id),
                sha: d.sha,
                environment: d.environment,
                createdAt: d.created_at
            }));
        }),
        deploymentStatuses: (id, page) => call('list deployment statuses', 'deployments:read', async () => {
            const { data } = await statuses(id, api/* PER_PAGE */.EK, page);
            return data.map((s) => ({ state: s.state, createdAt: s.created_at }));
        }),
        latestStatus: (id) => call('list deployment statuses', 'deployments:read', async () => {
            const [latest] = (await statuses(id, 1)).data;
            return (latest && {
                state: latest.state,
                url: latest.log_url || latest.target_url || ''
            });
        })
    };
}

;// CONCATENATED MODULE: ./src/github/repository.ts

/** Releases and the repository itself (permission contents: read). */
function repositoryApi({ octokit, owner, repo, call }) {
    return {
        listReleases: (page) => call('list releases', 'contents:read', async () => {
            const { data } = await octokit.request('GET /repos/{owner}/{repo}/releases', {
                owner,
                repo,
                per_page: api/* PER_PAGE */.EK,
                page
            });
            return data.map((r) => ({
                id: r.id,
                tagName: r.tag_name,
                draft: r.draft,
                prerelease: r.prerelease,
                publishedAt: r.published_at
            }));
        }),
        defaultBranch: () => call('get repository', 'contents:read', async () => {
            const { data } = await octokit.request('GET /repos/{owner}/{repo}', {
                owner,
                repo
            });
            return data.default_branch;
        })
    };
}

;// CONCATENATED MODULE: ./src/github/runs.ts

/**
 * Workflow runs and jobs (permission actions: read). Longer than 40 lines as one object of
 * endpoints, each a few lines.
 */
function runsApi({ octokit, owner, repo, call }) {
    return {
        listWorkflowRuns: (workflow, { branch, createdBefore }, page) => call('list workflow runs', 'actions:read', async () => {
            const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
                owner,
                repo,
                workflow_id: /^\d+$/.test(workflow) ? Number(workflow) : workflow,
                branch,
                status: 'success',
                // GitHub's search dates hold whole seconds.
                ...(createdBefore
                    ? { created: `<=${createdBefore.replace(/\.\d+Z$/, 'Z')}` }
                    : {}),
                per_page: api/* PER_PAGE */.EK,
                page
            });
            return {
                totalCount: data.total_count,
                runs: data.workflow_runs.map((r) => ({
                    id: Number(r.id),
                    headSha: r.head_sha,
                    conclusion: r.conclusion,
                    runNumber: r.run_number,
                    attempt: r.run_attempt ?? 1,
                    createdAt: r.created_at,
                    updatedAt: r.updated_at
                }))
            };
        }),
        jobRun: (jobId) => call('get job', 'actions:read', async () => {
            const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}', {
                owner,
                repo,
                job_id: jobId
            });
            return Number(data.run_id);
        })
    };
}

// EXTERNAL MODULE: ./node_modules/p-retry/index.js + 1 modules
var p_retry = __webpack_require__(4995);
;// CONCATENATED MODULE: ./src/github/deadline.ts
/**
 * GitHub did not answer within its bounds: an outage, which `on-error: warn-on-outage` warns of.
 */
class GitHubUnreachable extends Error {
    name = 'GitHubUnreachable';
}
const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
function deadlineOf(totalMs) {
    let signal;
    let startedAt = 0;
    const deadline = {
        start: () => {
            if (!signal) {
                startedAt = Date.now();
                signal = AbortSignal.timeout(totalMs);
            }
            return signal;
        },
        remainingMs: () => signal ? Math.max(0, totalMs - (Date.now() - startedAt)) : totalMs,
        late: () => new GitHubUnreachable(`GitHub did not answer within ${seconds(totalMs)}, the deadline for all of a run's GitHub calls`),
        race: (work) => {
            const shared = deadline.start();
            return new Promise((resolve, reject) => {
                const stop = () => reject(deadline.late());
                if (shared.aborted)
                    return stop();
                shared.addEventListener('abort', stop, { once: true });
                work.then(resolve, reject).finally(() => {
                    shared.removeEventListener('abort', stop);
                });
            });
        }
    };
    return deadline;
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/backoff.ts
var src_backoff = __webpack_require__(2431);
;// CONCATENATED MODULE: ./src/github/retry.ts
/** A GitHub attempt worth another, and the wait before it or the reason to give up. */



/** One attempt that may go better the next time. */
class Transient extends Error {
    retryAfterMs;
    constructor(message, retryAfter) {
        super(message);
        this.retryAfterMs = retryAfter;
    }
}
/** After a failed attempt: waits as Retry-After or the backoff says, or says why it gives up. */
async function waitOrGiveUp(error, attempts, last, { maxAttempts, backoff }, deadline, log) {
    if (last) {
        throw new GitHubUnreachable(`${error.message} (${attempts} attempt${attempts === 1 ? '' : 's'})`);
    }
    const wait = (0,src_backoff/* retryDelayMs */.qO)(attempts, error.retryAfterMs, backoff);
    if (wait >= deadline.remainingMs())
        throw deadline.late();
    log(`GitHub attempt ${attempts} of ${maxAttempts} failed: ${error.message}. Retrying in ${seconds(wait)}.`);
    await (0,promises_.setTimeout)(wait);
}

// EXTERNAL MODULE: ./src/http-response.ts
var http_response = __webpack_require__(3239);
;// CONCATENATED MODULE: ./src/github/transport.ts






const MIB = 1024 * 1024;
/** Statuses whose Response has no body. */
const NULL_BODY = new Set([101, 204, 205, 304]);
function answer(response, text) {
    const bytes = () => {
        const buffer = Buffer.from(text ?? '');
        return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    };
    return {
        status: response.status,
        statusText: response.statusText,
        url: response.url,
        headers: response.headers,
        body: text,
        text: () => Promise.resolve(text ?? ''),
        json: () => Promise.resolve(JSON.parse(text ?? '')),
        arrayBuffer: () => Promise.resolve(bytes())
    };
}
/** One attempt, its answer read whole within the request's time and size. */
async function once(call, attempt) {
    const { bounds, deadline, host } = call;
    const shared = deadline.start();
    if (shared.aborted)
        throw new p_retry/* AbortError */.lc(deadline.late());
    const begun = Date.now();
    const own = AbortSignal.timeout(bounds.timeoutMs);
    const response = await connect(call, own, shared);
    const left = Math.min(bounds.timeoutMs - (Date.now() - begun), deadline.remainingMs());
    const body = await (0,http_response/* readBodyText */.mf)(response, bounds.bodyLimit, Math.max(0, left));
    checkBody(call, body, own.aborted);
    const { status } = response;
    if ((status === 408 || status >= 500) && attempt < bounds.maxAttempts) {
        throw new Transient(`${host} answered ${status}`, (0,http_response/* retryAfterMs */.Vs)(response.headers.get('retry-after')));
    }
    return answer(response, NULL_BODY.has(status) ? null : body.text);
}
async function connect({ inner, input, init, host, bounds, deadline }, own, shared) {
    const signal = AbortSignal.any(init?.signal ? [own, shared, init.signal] : [own, shared]);
    try {
        return await inner(input, { ...init, signal });
    }
    catch (error) {
        if (error instanceof errors/* ProxyError */.T6)
            throw new p_retry/* AbortError */.lc(error);
        if (shared.aborted)
            throw new p_retry/* AbortError */.lc(deadline.late());
        throw new Transient(own.aborted
            ? `no answer from ${host} within ${seconds(bounds.timeoutMs)}`
            : `could not connect to ${host}: ${(0,errors/* connectionFailure */.Dx)(error).detail}`);
    }
}
/** A body cut short: too large (not retried), late or broken off (retried). */
function checkBody({ host, bounds, deadline }, body, timedOut) {
    const { bodyLimit, timeoutMs } = bounds;
    if (body.cut === 'limit') {
        // The same request would get the same answer: not retried.
        throw new p_retry/* AbortError */.lc(new GitHubUnreachable(`${host} sent an answer larger than ${bodyLimit % MIB === 0 ? `${bodyLimit / MIB} MiB` : `${bodyLimit} bytes`}, which is not read`));
    }
    if (body.complete)
        return;
    if (deadline.start().aborted || deadline.remainingMs() === 0)
        throw new p_retry/* AbortError */.lc(deadline.late());
    throw new Transient(
    // The request's signal also ends a stalled body: that is a timeout, not a break.
    body.cut === 'late' || timedOut
        ? `${host}'s answer did not finish within ${seconds(timeoutMs)}`
        : `${host}'s answer broke off`);
}
/**
 * `inner` with GitHub's bounds: each answer is read whole here, within its time and size, and
 * handed on as a buffered Response, so nothing later can wait on or buffer a body unbounded.
 */
function boundedFetch(inner, bounds, log = () => undefined) {
    const deadline = deadlineOf(bounds.totalMs);
    // Octokit passes a URL string: never `instanceof Request`, which loads Node's own undici.
    const fetch = (async (input, init) => {
        const call = {
            inner,
            input,
            init,
            host: new URL(String(input)).host,
            bounds,
            deadline
        };
        let attempts = 0;
        return (0,p_retry/* default */.Ay)(() => once(call, ++attempts), {
            retries: bounds.maxAttempts - 1,
            minTimeout: 0, // the wait happens in onFailedAttempt, where it can honour Retry-After
            shouldRetry: ({ error }) => error instanceof Transient,
            onFailedAttempt: ({ error, retriesLeft }) => error instanceof Transient
                ? waitOrGiveUp(error, attempts, retriesLeft === 0, bounds, deadline, log)
                : undefined
        });
    });
    return {
        fetch,
        remainingMs: () => deadline.remainingMs(),
        race: (work) => deadline.race(work)
    };
}

;// CONCATENATED MODULE: ./src/github/octokit.ts












// Routes go through octokit.request: the REST plugin's table of every endpoint (≈ 100 KB) would
// be compiled on every run for the eight this client calls.
const GitHubOctokit = dist_src/* Octokit */.E.plugin(dist_bundle/* throttling */.A);
/** The GitHub client behind GitHubApi: Octokit over the action's transport, by resource. */
function createOctokitApi(options) {
    const requester = createRequester(options);
    return {
        ...deploymentsApi(requester),
        ...repositoryApi(requester),
        ...runsApi(requester),
        ...compareApi(requester)
    };
}
/**
 * Octokit with the run's bounds, and the two ways each resource module calls it. Longer than 40
 * lines as a whole, short in its parts: the throttle, error mapping and look-up share the one
 * bounded transport and token name.
 */
function createRequester(options) {
    const tokenName = options.tokenName ?? "'github-token'";
    const [owner, repo] = options.repository.split('/');
    // The action's one transport (the same proxy rules as the Multitudes client), bounded alike.
    const bounded = boundedFetch((0,http/* transport */.et)().request, options.bounds ?? (0,bounds/* githubBounds */.Z)(30_000, 4), options.log);
    // Wait out a rate limit only when the wait ends before the deadline: a primary limit twice,
    // a secondary one once; then fail clearly.
    const waits = (times) => (after, _o, _k, count) => count < times && after * 1000 < bounded.remainingMs();
    const octokit = new GitHubOctokit({
        auth: options.token,
        baseUrl: options.baseUrl,
        userAgent: `${version/* ACTION_NAME */.p}/${version/* ACTION_VERSION */.Y}`,
        // Success bodies are parsed in parseBodiesWithJson.
        request: { fetch: bounded.fetch, parseSuccessResponseBody: false },
        throttle: { onRateLimit: waits(2), onSecondaryRateLimit: waits(1) }
    });
    parseBodiesWithJson(octokit);
    function failure(what, permission, error) {
        // A proxy setting to fix, or GitHub out of time: said as such, not as an HTTP status.
        // Octokit wraps what its fetch threw as the cause of a RequestError.
        const cause = error?.cause;
        const known = [error, cause].find((e) => e instanceof errors/* ProxyError */.T6 || e instanceof GitHubUnreachable);
        if (known instanceof errors/* ProxyError */.T6)
            return known;
        if (known instanceof GitHubUnreachable) {
            return new api/* GitHubApiError */.OS(`GitHub API ${what} failed: ${known.message}`, 'Re-run the job when GitHub answers again; timeout-seconds and max-attempts bound each GitHub call too.', undefined, true);
        }
        const code = statusOf(error);
        const hint = code === 403 || code === 401
            ? `Give the job's token '${permission}' (permissions: ${permission.replace(':', ': ')}), or pass ${tokenName} with that access.`
            : code === 404
                ? `Check that the token can see ${options.repository}.`
                : 'Re-run the job; if GitHub keeps failing, set commit-source: git with a full checkout.';
        return new api/* GitHubApiError */.OS(`GitHub API ${what} failed${code ? ` (${code})` : ''}: ${(0,errors/* errorMessage */.gJ)(error)}`, hint, code, code !== undefined && (code >= 500 || code === 429));
    }
    return {
        octokit,
        owner,
        repo,
        async call(what, permission, fn) {
            try {
                return await bounded.race(fn());
            }
            catch (error) {
                throw failure(what, permission, error);
            }
        },
        async lookup(what, notFound, fn) {
            try {
                return await bounded.race(fn());
            }
            catch (error) {
                if (notFound.includes(statusOf(error) ?? 0))
                    return undefined;
                throw failure(what, 'contents:read', error);
            }
        }
    };
}
/**
 * Octokit parses each JSON answer with json-with-bigint, which keeps integers past 2^53 exact at
 * about eight times the cost of JSON.parse (3–4 ms for one 100-commit compare page on a slow
 * machine). The ids this client reads are far below 2^53, so a successful answer is parsed here
 * with JSON.parse; other answers stay text, as Octokit leaves them (errors are still Octokit's).
 */
function parseBodiesWithJson(octokit) {
    octokit.hook.after('request', (response) => {
        // The bounded transport's answer is read whole: its body is that text.
        const text = response.data;
        if (typeof text === 'string' &&
            JSON_TYPE.test(String(response.headers['content-type'])))
            response.data = parseOrText(text);
    });
}
const JSON_TYPE = /^application\/(?:scim\+)?json\s*(?:;|$)/i;
function parseOrText(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
function statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}


/***/ })

};
