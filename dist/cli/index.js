#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 4348:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ay: () => (/* binding */ detectCi),
/* harmony export */   Dn: () => (/* binding */ ciSystems)
/* harmony export */ });
/* unused harmony export repositoryFromUrl */
/** A variable's value, trimmed; blank is unset. */
function set(value) {
    return value === undefined || value.trim() === '' ? undefined : value.trim();
}
/** A CI's previous commit from one variable: [its name, its value] when it is set. */
function variable(name) {
    return (env) => {
        const value = set(env[name]);
        return value === undefined ? undefined : [name, value];
    };
}
/** owner/name (or group/…/name) from a clone URL: https://, ssh:// or scp-like git@host:path. */
function repositoryFromUrl(url) {
    const value = set(url);
    if (value === undefined)
        return undefined;
    const path = /^[\w.-]+@[\w.-]+:(?!\/\/)(.+)$/.exec(value)?.[1] ?? urlPath(value);
    const trimmed = path
        ?.replace(/^\/+|\/+$/g, '')
        .replace(/\.git$/, '')
        // Azure Repos and Bitbucket Server put fixed segments before owner/name.
        .replace(/^(scm|_git)\//, '');
    return trimmed && trimmed.includes('/') ? trimmed : undefined;
}
function urlPath(value) {
    try {
        return new URL(value).pathname;
    }
    catch {
        return undefined;
    }
}
/**
 * Each CI as its documentation names its variables. The order is the detection order. Made on
 * each call (a few a run): a table made when the module loads is out of the mutation tests'
 * reach (see docs/testing.md). Longer than 40 lines on purpose: one entry a CI system, each
 * checked against its own documentation, reads best as one table.
 */
function ciSystems() {
    return [
        {
            name: 'GitHub Actions',
            detect: (env) => env.GITHUB_ACTIONS === 'true',
            head: ['GITHUB_SHA'],
            repository: (env) => set(env.GITHUB_REPOSITORY),
            runUrl: (env) => env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
                ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
                : undefined
        },
        {
            name: 'GitLab CI',
            detect: (env) => env.GITLAB_CI === 'true',
            head: ['CI_COMMIT_SHA'],
            previous: variable('CI_COMMIT_BEFORE_SHA'),
            previousMeaning: 'the branch head before the push (not the previous deployment)',
            repository: (env) => set(env.CI_PROJECT_PATH),
            runUrl: (env) => set(env.CI_PIPELINE_URL)
        },
        {
            name: 'Jenkins',
            detect: (env) => set(env.JENKINS_URL) !== undefined,
            head: ['GIT_COMMIT'],
            previous: variable('GIT_PREVIOUS_SUCCESSFUL_COMMIT'),
            previousMeaning: 'the commit of the last successful build of the branch',
            repository: (env) => repositoryFromUrl(env.GIT_URL),
            runUrl: (env) => set(env.BUILD_URL)
        },
        {
            name: 'CircleCI',
            detect: (env) => env.CIRCLECI === 'true',
            head: ['CIRCLE_SHA1'],
            repository: (env) => env.CIRCLE_PROJECT_USERNAME && env.CIRCLE_PROJECT_REPONAME
                ? `${env.CIRCLE_PROJECT_USERNAME}/${env.CIRCLE_PROJECT_REPONAME}`
                : repositoryFromUrl(env.CIRCLE_REPOSITORY_URL),
            runUrl: (env) => set(env.CIRCLE_BUILD_URL)
        },
        {
            name: 'Buildkite',
            detect: (env) => env.BUILDKITE === 'true',
            head: ['BUILDKITE_COMMIT'],
            repository: (env) => repositoryFromUrl(env.BUILDKITE_REPO),
            runUrl: (env) => set(env.BUILDKITE_BUILD_URL)
        },
        {
            name: 'Azure Pipelines',
            detect: (env) => env.TF_BUILD?.toLowerCase() === 'true',
            head: ['BUILD_SOURCEVERSION'],
            repository: (env) => set(env.BUILD_REPOSITORY_NAME),
            runUrl: (env) => env.SYSTEM_COLLECTIONURI && env.SYSTEM_TEAMPROJECT && env.BUILD_BUILDID
                ? `${env.SYSTEM_COLLECTIONURI.replace(/\/?$/, '/')}${encodeURIComponent(env.SYSTEM_TEAMPROJECT)}/_build/results?buildId=${env.BUILD_BUILDID}`
                : undefined
        },
        {
            name: 'Bitbucket Pipelines',
            detect: (env) => set(env.BITBUCKET_BUILD_NUMBER) !== undefined,
            head: ['BITBUCKET_COMMIT'],
            repository: (env) => set(env.BITBUCKET_REPO_FULL_NAME),
            runUrl: (env) => env.BITBUCKET_GIT_HTTP_ORIGIN && env.BITBUCKET_BUILD_NUMBER
                ? `${env.BITBUCKET_GIT_HTTP_ORIGIN.replace(/^http:/, 'https:')}/pipelines/results/${env.BITBUCKET_BUILD_NUMBER}`
                : undefined
        },
        {
            name: 'Woodpecker',
            detect: (env) => env.CI === 'woodpecker',
            head: ['CI_COMMIT_SHA'],
            previous: (env) => env.CI_PREV_PIPELINE_STATUS === 'success'
                ? variable('CI_PREV_COMMIT_SHA')(env)
                : undefined,
            previousMeaning: 'the commit of the previous pipeline, when it succeeded',
            repository: (env) => set(env.CI_REPO),
            runUrl: (env) => set(env.CI_PIPELINE_URL)
        },
        {
            name: 'Drone',
            detect: (env) => env.DRONE === 'true',
            head: ['DRONE_COMMIT_SHA'],
            previous: variable('DRONE_COMMIT_BEFORE'),
            previousMeaning: 'the branch head before the push (not the previous deployment)',
            repository: (env) => set(env.DRONE_REPO),
            runUrl: (env) => set(env.DRONE_BUILD_LINK)
        },
        {
            name: 'Travis CI',
            detect: (env) => env.TRAVIS === 'true',
            head: ['TRAVIS_COMMIT'],
            // "a...b": the push's range; the first commit is the branch head before the push.
            previous: (env) => {
                const from = set(env.TRAVIS_COMMIT_RANGE)?.split(/\.{2,3}/)[0];
                return from ? ['TRAVIS_COMMIT_RANGE', from] : undefined;
            },
            previousMeaning: 'the branch head before the push (not the previous deployment)',
            repository: (env) => set(env.TRAVIS_REPO_SLUG),
            runUrl: (env) => set(env.TRAVIS_BUILD_WEB_URL)
        }
    ];
}
/** The CI this process runs in, if any known one. */
function detectCi(env) {
    return ciSystems().find((ci) => ci.detect(env));
}


/***/ }),

/***/ 5377:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   QR: () => (/* binding */ flagHelp),
/* harmony export */   Zo: () => (/* binding */ flagsOf),
/* harmony export */   tS: () => (/* binding */ flagTable)
/* harmony export */ });
/* harmony import */ var _interface_generated_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3739);
/* harmony import */ var _input_values_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5214);
/**
 * The CLI's flags, both commands', in one table: parsing, --help and the check that every action
 * input has a flag all read it. Longer than 200 lines on purpose, and flagTable() longer than 40:
 * one row a flag, in --help's order; split, a flag's parts would live in two files.
 */


const BOTH = ['report', 'backfill'];
const REPORT = ['report'];
const BACKFILL = ['backfill'];
/**
 * Every flag of both commands, once. A test keeps the action's inputs in it. Made on each call
 * (a few microseconds), not once at load: a table built at load is out of mutation testing's
 * reach (docs/testing.md).
 */
function flagTable() {
    return {
        environment: {
            value: '<name>',
            commands: BOTH,
            help: 'Required. The environment deployed to, sent as environmentName.'
        },
        'api-key': {
            value: '<key>',
            commands: BOTH,
            help: 'Multitudes API key with the Deployments write scope (an Organization key). Default: $MULTITUDES_API_KEY, which keeps it out of the process list. Not needed with --dry-run.'
        },
        strategy: {
            value: '<name>',
            commands: REPORT,
            default: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULTS */ .zY.strategy,
            oneOf: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .STRATEGIES */ .YL
        },
        base: { value: '<commit>', commands: REPORT },
        head: {
            value: '<commit>',
            commands: REPORT,
            help: "The commit deployed: a SHA, branch or tag. Default: the CI's commit variable (see the README's CI table), else HEAD of the clone."
        },
        'tag-pattern': {
            value: '<glob>',
            commands: BOTH,
            help: "Glob of tags for --strategy tag, e.g. 'v*'.",
            backfill: "Required with --source tags: the tags that were deployments, e.g. 'v*'."
        },
        'commit-source': {
            value: '<source>',
            commands: REPORT,
            default: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULTS */ .zY['commit-source'],
            oneOf: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMIT_SOURCES */ .Jk,
            help: 'Where commits come from: git (the clone), api (the GitHub compare API, no clone needed) or auto (the clone when it holds the range).'
        },
        paths: {
            value: '<pathspec>',
            multiple: true,
            commands: REPORT,
            help: 'Monorepos: a git pathspec; give it once for each. Only commits that touch them are sent (head always is). Needs the git source.'
        },
        'max-commits': {
            value: '<n>',
            commands: BOTH,
            default: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULTS */ .zY['max-commits']
        },
        'first-deployment': {
            value: '<mode>',
            commands: REPORT,
            help: 'When no base exists: head sends only head; fail exits 1. Never the whole history.',
            default: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULTS */ .zY['first-deployment'],
            oneOf: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .FIRST_DEPLOYMENT */ .Px
        },
        'is-test': { switch: true, commands: BOTH },
        'deployed-at': {
            value: '<time>',
            commands: REPORT,
            help: 'ISO 8601 time of the deployment with a zone, e.g. 2026-01-31T12:00:00Z. Default: now.'
        },
        title: { value: '<text>', commands: BOTH },
        tags: { value: '<list>', commands: BOTH },
        'dry-run': {
            switch: true,
            commands: BOTH,
            help: 'Do everything but the POST, and print what would be sent.',
            backfill: 'Plan only: print the plan, send nothing.'
        },
        'on-error': {
            value: '<mode>',
            commands: BOTH,
            default: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULTS */ .zY['on-error'],
            oneOf: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .ON_ERROR */ .DD,
            help: 'fail: any error exits 1; warn: never exits 1; warn-on-outage: exits 1 on errors to fix (bad flags, 400, 401, 403) and 0 with a warning when Multitudes stays unreachable or answers 5xx.'
        },
        'api-url': {
            value: '<url>',
            commands: BOTH,
            default: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULTS */ .zY['api-url']
        },
        'github-token': {
            value: '<token>',
            commands: BOTH,
            help: 'Token for the GitHub API (previous deployments, compare). Default: $GITHUB_TOKEN.',
            backfill: 'For the GitHub sources, with read access to contents, deployments and actions. Default: $GITHUB_TOKEN.'
        },
        verify: { switch: true, commands: REPORT },
        'record-check': {
            value: '<bool>',
            commands: BOTH,
            default: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULTS */ .zY['record-check'],
            backfill: "Default true: before the first POST, read Multitudes' record (up to 10,000 deployments, 60 s) and skip what it already holds; false sends no GET and trusts the state file alone."
        },
        'timeout-seconds': {
            value: '<n>',
            commands: REPORT,
            default: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULTS */ .zY['timeout-seconds']
        },
        'max-attempts': {
            value: '<n>',
            commands: REPORT,
            default: _input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULTS */ .zY['max-attempts']
        },
        'working-directory': {
            value: '<dir>',
            commands: BOTH,
            help: 'The clone of the repository. Default: the current directory.'
        },
        repository: {
            value: '<owner/name>',
            commands: BOTH,
            help: "The repository, for the GitHub API and the output. Default: the CI's repository variable (see the README's CI table)."
        },
        source: {
            value: '<source>',
            commands: BACKFILL,
            oneOf: ['tags', 'releases', 'deployments', 'workflow-runs'],
            help: 'Required. Where the past deployments come from: one of the sources above.'
        },
        workflow: {
            value: '<file or id>',
            commands: BACKFILL,
            help: 'Required with --source workflow-runs, e.g. deploy.yml.'
        },
        branch: {
            value: '<name>',
            commands: BACKFILL,
            help: "With --source workflow-runs. Default: the repository's default branch."
        },
        'include-prereleases': {
            switch: true,
            commands: BACKFILL,
            help: 'With --source releases: count prereleases too.'
        },
        since: {
            value: '<date>',
            commands: BACKFILL,
            help: 'The start of the window (ISO 8601: 2026-01-31 or 2026-01-31T12:00:00Z). A bare date is a whole UTC day.'
        },
        until: {
            value: '<date>',
            commands: BACKFILL,
            help: 'The end of the window, included; a bare date takes in its whole UTC day.'
        },
        'state-file': {
            value: '<path>',
            commands: BACKFILL,
            help: 'Where posted deployments are recorded, so that a re-run resumes. Default: a file per repository and environment in $XDG_STATE_HOME/multitudes-deployment-action (~/.local/state/… when unset; $RUNNER_TEMP in GitHub Actions), never in the clone.'
        },
        rate: {
            value: '<n>',
            commands: BACKFILL,
            default: '5',
            help: 'Multitudes requests per second at most.'
        },
        'github-api-url': {
            value: '<url>',
            commands: BACKFILL,
            help: 'Default: $GITHUB_API_URL, else https://api.github.com.'
        },
        json: {
            switch: true,
            commands: BOTH,
            help: 'Print the result as JSON on stdout (see the README); logs stay on stderr.'
        },
        help: { switch: true, commands: BOTH, help: 'Show this help.' },
        version: { switch: true, commands: REPORT, help: 'Show the version.' }
    };
}
/** A flag's --help text for a command: its own, else the action input's description. */
function flagHelp(name, command) {
    const flag = flagTable()[name];
    const text = (command === 'backfill' ? flag.backfill : undefined) ??
        flag.help ??
        _interface_generated_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTION_INPUTS */ .b.find((input) => input.name === name)?.description ??
        '';
    const extra = [];
    if (flag.default !== undefined && !text.includes('Default'))
        extra.push(`Default: ${flag.default}.`);
    if (flag.oneOf && !text.includes('one of'))
        extra.push(`One of: ${flag.oneOf.join(', ')}.`);
    if (flag.switch)
        extra.push('A switch: give it without a value.');
    return [text, ...extra].join(' ');
}
/** The flags of one command, by name. */
function flagsOf(command) {
    return Object.entries(flagTable())
        .filter(([, flag]) => flag.commands.includes(command))
        .map(([name]) => name);
}


/***/ }),

/***/ 7911:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BK: () => (/* binding */ helpText),
/* harmony export */   fQ: () => (/* binding */ backfillHelpText)
/* harmony export */ });
/* unused harmony export wrap */
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(311);
/* harmony import */ var _ci_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4348);
/* harmony import */ var _flags_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5377);



/**
 * `text` in lines of at most `width` columns counting `indent` (a longer word is a line of its
 * own); every line after the first is indented.
 */
function wrap(text, indent, width = 100) {
    const lines = [];
    let line = '';
    for (const word of text.split(' ')) {
        if (line && indent + line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
    return lines.join(`\n${' '.repeat(indent)}`);
}
/** Every flag of a command with its text, default and allowed values, from the one table. */
function flagList(command) {
    const table = (0,_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .flagTable */ .tS)();
    return (0,_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .flagsOf */ .Zo)(command)
        .map((name) => {
        const value = table[name].value;
        const head = `  --${name}${value ? ` ${value}` : ''}`;
        return `${head}\n      ${wrap((0,_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .flagHelp */ .QR)(name, command), 6)}`;
    })
        .join('\n');
}
/** `--help` of report. */
function helpText() {
    return `Usage: ${_version_js__WEBPACK_IMPORTED_MODULE_1__/* .ACTION_NAME */ .p} report --environment <name> [options]

Reports a deployment to Multitudes with the commits it shipped, from any CI system.
The key comes from --api-key or MULTITUDES_API_KEY. The commit, the repository and a link to
the run come from the CI's own variables, else --head and --repository, else HEAD of the clone.
CI systems read: ${wrap((0,_ci_js__WEBPACK_IMPORTED_MODULE_2__/* .ciSystems */ .Dn)()
        .map((c) => c.name)
        .join(', '), 17)}.
Base, with --strategy auto: --base, else the previous deployment (GitHub, with a token), else
the newest deployment of this repository in Multitudes' record, else the CI's previous commit
where it has one, else none (only head is sent). Before the POST, the record is read, and a
deployment it already holds is not sent again.

Options:
${flagList('report')}

The second command, backfill, reports past deployments:
see '${_version_js__WEBPACK_IMPORTED_MODULE_1__/* .ACTION_NAME */ .p} backfill --help'.

Exit codes: 0 reported (or dry run, or a failure that --on-error says to warn about);
1 not reported; 2 bad usage or input (nothing was sent).`;
}
/** `backfill --help`. */
function backfillHelpText() {
    return `Usage: ${_version_js__WEBPACK_IMPORTED_MODULE_1__/* .ACTION_NAME */ .p} backfill --environment <name> --source <source> [options]

Reconstructs past production deployments and reports them, oldest first, with the commits each
one shipped (git rev-list previous..this, under the live run's rules). Run it from a clone with
full history and tags. A re-run skips what the state file or Multitudes' record says was
posted; Ctrl-C stops after the request in flight (exit 130), and the same command resumes.

Sources:
  tags             Tags matching --tag-pattern, at the tagger date (annotated) or the
                   committer date (lightweight).
  releases         Published GitHub releases at published_at (drafts never; prereleases
                   with --include-prereleases), at their tag's commit.
  deployments      GitHub deployments to --environment that reached success, at that
                   status's time.
  workflow-runs    Successful runs of --workflow on --branch at their updated_at: what
                   Multitudes' GitHub Actions integration counted.

Options:
${flagList('backfill')}

Exit codes: 0 done; 1 stopped, failed, or nothing selected; 2 bad usage or input (nothing was
sent).`;
}


/***/ }),

/***/ 2957:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _quick_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(209);

await (0,_quick_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 209:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ main)
/* harmony export */ });
/* unused harmony export quickAnswer */
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(311);
/* harmony import */ var _help_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7911);


/**
 * The answer to a command line that asks only for help or the version, or undefined for every
 * other one (errors included): those load the action.
 */
function quickAnswer(argv) {
    const [first, second, ...rest] = argv;
    if (rest.length > 0)
        return undefined;
    const help = (a) => a === '--help' || a === '-h';
    if (second === undefined) {
        if (help(first))
            return (0,_help_js__WEBPACK_IMPORTED_MODULE_0__/* .helpText */ .BK)();
        if (first === '--version')
            return `${_version_js__WEBPACK_IMPORTED_MODULE_1__/* .ACTION_NAME */ .p} ${_version_js__WEBPACK_IMPORTED_MODULE_1__/* .ACTION_VERSION */ .Y}`;
        return undefined;
    }
    if (first === 'report' && help(second))
        return (0,_help_js__WEBPACK_IMPORTED_MODULE_0__/* .helpText */ .BK)();
    if (first === 'backfill' && help(second))
        return (0,_help_js__WEBPACK_IMPORTED_MODULE_0__/* .backfillHelpText */ .fQ)();
    return undefined;
}
/** The CLI: help and the version answer at once; anything else loads the whole CLI and runs it. */
async function main(argv, write = (text) => void process.stdout.write(text), load = () => Promise.all(/* import() */[__nccwpck_require__.e(149), __nccwpck_require__.e(990)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7990))) {
    const answer = quickAnswer(argv);
    if (answer !== undefined)
        write(`${answer}\n`);
    else
        await (await load()).run(argv);
}


/***/ }),

/***/ 5214:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ ON_ERROR),
/* harmony export */   Jk: () => (/* binding */ COMMIT_SOURCES),
/* harmony export */   Px: () => (/* binding */ FIRST_DEPLOYMENT),
/* harmony export */   YL: () => (/* binding */ STRATEGIES),
/* harmony export */   b1: () => (/* binding */ LIMITS),
/* harmony export */   mc: () => (/* binding */ INPUTS),
/* harmony export */   zY: () => (/* binding */ DEFAULTS)
/* harmony export */ });
/**
 * The inputs' names, allowed values and defaults: plain data with no imports, so that the CLI's
 * --help can print them without loading the action.
 */
const STRATEGIES = [
    'auto',
    'previous-deployment',
    'multitudes',
    'push',
    'base',
    'tag',
    'parent',
    'head'
];
const COMMIT_SOURCES = ['auto', 'git', 'api'];
const ON_ERROR = ['fail', 'warn', 'warn-on-outage'];
const FIRST_DEPLOYMENT = ['head', 'fail'];
/** Every input as action.yml names it. */
const INPUTS = {
    apiKey: 'api-key',
    environment: 'environment',
    strategy: 'strategy',
    base: 'base',
    head: 'head',
    tagPattern: 'tag-pattern',
    commitSource: 'commit-source',
    paths: 'paths',
    maxCommits: 'max-commits',
    firstDeployment: 'first-deployment',
    isTest: 'is-test',
    deployedAt: 'deployed-at',
    title: 'title',
    tags: 'tags',
    dryRun: 'dry-run',
    onError: 'on-error',
    apiUrl: 'api-url',
    githubToken: 'github-token',
    verify: 'verify',
    recordCheck: 'record-check',
    timeoutSeconds: 'timeout-seconds',
    maxAttempts: 'max-attempts',
    workingDirectory: 'working-directory'
};
/**
 * The defaults of action.yml (a test keeps the two equal). The runner always passes every input,
 * filled from action.yml; these apply when a value is empty, so an empty `with:` entry behaves
 * like an absent one.
 */
const DEFAULTS = {
    strategy: 'auto',
    'commit-source': 'auto',
    'max-commits': '1000',
    'first-deployment': 'head',
    'is-test': 'false',
    'dry-run': 'false',
    'on-error': 'fail',
    'api-url': 'https://integrations.multitudes.co/deployment',
    verify: 'false',
    'record-check': 'true',
    'timeout-seconds': '30',
    'max-attempts': '4'
};
/** Longest `environment` and `title`; most `tags`, and longest tag. */
const LIMITS = { environment: 255, title: 255, tags: 20, tag: 100 };


/***/ }),

/***/ 3739:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ ACTION_INPUTS)
/* harmony export */ });
/* unused harmony export ACTION_OUTPUTS */
// Generated from action.yml by `npm run docs`; do not edit.
/** The action's inputs, in action.yml's order. */
const ACTION_INPUTS = [
    {
        name: 'api-key',
        description: 'Multitudes API key with the Deployments write scope (an Organization key). Masked at once. Falls back to the MULTITUDES_API_KEY environment variable. Not needed for dry-run.',
        default: '',
        required: false
    },
    {
        name: 'environment',
        description: 'Environment deployed to, sent as environmentName (trimmed, non-empty).',
        default: '',
        required: true
    },
    {
        name: 'strategy',
        description: "How base (what was live before) is found: auto, previous-deployment, multitudes (the newest deployment of this repository in Multitudes' own record), push, base, tag, parent or head.",
        default: 'auto',
        required: false
    },
    {
        name: 'base',
        description: 'Base ref or SHA for strategy base (with auto, a non-empty base means base).',
        default: '',
        required: false
    },
    {
        name: 'head',
        description: 'Commit being deployed; empty means from the event (workflow_run, deployment, push...). Refs and tags are peeled to commits.',
        default: '',
        required: false
    },
    {
        name: 'tag-pattern',
        description: 'Glob for strategy tag, e.g. v*.',
        default: '',
        required: false
    },
    {
        name: 'commit-source',
        description: 'Where commits come from, git (the checkout), api (GitHub compare API) or auto.',
        default: 'auto',
        required: false
    },
    {
        name: 'paths',
        description: 'Monorepos: newline-separated git pathspecs. Only commits of the range that touch them are sent (head always is). Needs the git source.',
        default: '',
        required: false
    },
    {
        name: 'max-commits',
        description: 'Cap on the commit list. Over it the newest are kept, truncated is set and a warning gives the true count.',
        default: '1000',
        required: false
    },
    {
        name: 'first-deployment',
        description: 'When no base exists, head sends only head; fail fails the step. Never the whole history.',
        default: 'head',
        required: false
    },
    {
        name: 'is-test',
        description: 'Send isTest true, so Multitudes excludes the deployment from metrics.',
        default: 'false',
        required: false
    },
    {
        name: 'deployed-at',
        description: "ISO 8601 time of the deployment with a zone; normalised to UTC. Empty means the event's own time (deployment_status created_at, workflow_run updated_at), else when the step started.",
        default: '',
        required: false
    },
    {
        name: 'title',
        description: 'Sent as title when non-empty.',
        default: '',
        required: false
    },
    {
        name: 'tags',
        description: 'Comma- or newline-separated labels, sent as a JSON array of strings.',
        default: '',
        required: false
    },
    {
        name: 'dry-run',
        description: 'Do everything but the POST; the summary and payload output show what would be sent.',
        default: 'false',
        required: false
    },
    {
        name: 'on-error',
        description: 'fail, any error fails the step; warn, never fails the step; warn-on-outage, fails on errors a user must fix (bad input, 400, 401, 403) and warns when the API stays unreachable or 5xx.',
        default: 'fail',
        required: false
    },
    {
        name: 'api-url',
        description: 'Endpoint. Must be https://, except loopback hosts (for local testing).',
        default: 'https://integrations.multitudes.co/deployment',
        required: false
    },
    {
        name: 'github-token',
        description: 'Token for the GitHub API (deployments, compare).',
        default: '${{ github.token }}',
        required: false
    },
    {
        name: 'verify',
        description: 'After a 201, read the deployment back with the GET endpoint (three reads of up to 10 pages, within 30 s) and fail if it is not there. Meant for test runs.',
        default: 'false',
        required: false
    },
    {
        name: 'record-check',
        description: "Read Multitudes' record (GET /deployment, at most 10 pages and 10 s) before the POST and after an ambiguous failure, so that one deployment is never sent twice; with auto, it is also a source of base. false sends no GET at all (the key needs no read scope then).",
        default: 'true',
        required: false
    },
    {
        name: 'timeout-seconds',
        description: 'Per-request timeout in seconds.',
        default: '30',
        required: false
    },
    {
        name: 'max-attempts',
        description: 'Attempts for transient failures (network error, timeout, 429, 5xx), with exponential backoff and jitter.',
        default: '4',
        required: false
    },
    {
        name: 'working-directory',
        description: 'Where the checkout is, relative to GITHUB_WORKSPACE (the path given to actions/checkout). Empty means the workspace.',
        default: '',
        required: false
    }
];
/** The action's outputs, in action.yml's order. */
const ACTION_OUTPUTS = [
    {
        name: 'reported',
        description: "true when the API accepted the deployment (201 Created; any other 2xx counts too, with a warning), or when, after an ambiguous failure, Multitudes' record shows it; else false (dry-run and already recorded: false). The status line decides: a 2xx whose body breaks is still reported, and never POSTed again."
    },
    {
        name: 'status',
        description: 'HTTP status of the last POST attempt; empty when nothing was sent.'
    },
    { name: 'response', description: 'Body of the last response (text).' },
    {
        name: 'request-id',
        description: 'Request id from the response, when it carries one.'
    },
    {
        name: 'payload',
        description: 'The JSON that was (or, on dry-run, would be) sent; empty past the output budget (see payload-file).'
    },
    {
        name: 'commit-shas',
        description: 'JSON array of the SHAs sent; empty past the output budget (see payload-file).'
    },
    { name: 'commit-count', description: 'Number of SHAs sent.' },
    { name: 'truncated', description: 'true when max-commits cut the list.' },
    { name: 'head-sha', description: 'Full SHA of head.' },
    { name: 'base-sha', description: 'Full SHA of base; empty when none.' },
    {
        name: 'base-source',
        description: 'What gave base, input, previous-deployment, multitudes, push, tag, parent or none.'
    },
    {
        name: 'range-status',
        description: 'ahead, identical, behind (rollback), diverged, first or unavailable.'
    },
    { name: 'deployed-at', description: 'The deployedAt that was sent.' },
    {
        name: 'payload-file',
        description: "Path of a JSON file (in RUNNER_TEMP) with the payload that was, or would be, sent. Past 400,000 characters (about 9,000 commits) the payload and commit-shas outputs are left empty, to stay within GitHub's 1 MB of outputs per job, and only this file has them."
    },
    {
        name: 'skipped',
        description: 'Why nothing was reported on purpose (a failed upstream run, a deployment status that is not success, another environment\'s status, a deleted branch, or "already recorded at <deployedAt>" when Multitudes\' record holds this deployment); empty otherwise.'
    }
];


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ ACTION_VERSION),
/* harmony export */   p: () => (/* binding */ ACTION_NAME)
/* harmony export */ });
/** Kept equal to package.json's version by a test; sent in the User-Agent. */
const ACTION_NAME = 'multitudes-deployment-action';
const ACTION_VERSION = '1.0.0';


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3785:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("readline");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(2957);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
