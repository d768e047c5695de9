/**
 * The local API's scripted faults: each one used up by one request, in order, to answer with an
 * odd status, a Retry-After, a dropped connection, a broken or trickling body, or late.
 */
import http from 'node:http'

/** One scripted answer, used up by one POST (or GET, with `on: 'get'`) in order. */
export type Fault = { on?: 'post' | 'get' } & (
  | {
      kind: 'status'
      status: number
      body?: string
      headers?: Record<string, string>
      /** Store the deployment first, then answer with this status (a 5xx after the write). */
      stored?: boolean
    }
  | { kind: 'retry-after'; value: string }
  | { kind: 'drop' }
  /** The deployment is stored; the answer's body breaks after its first bytes. */
  | { kind: 'reset-mid-body' }
  /** The deployment is stored; the answer's body arrives a byte every 500 ms, for up to 60 s. */
  | { kind: 'trickle' }
  /**
   * A slow answer. A POST is handled (and stored) at once and answered `ms` later, as a slow real
   * server does: a client that gives up first has still been recorded. A GET answers `ms` late.
   */
  | { kind: 'delay'; ms: number }
)

type Broken = 'reset-mid-body' | 'trickle'

export class Faults {
  private readonly bodyOverride = new WeakMap<http.ServerResponse, string>()
  private readonly statusOverride = new WeakMap<http.ServerResponse, number>()
  /** Answers whose body breaks or stalls after the deployment was stored. */
  private readonly brokenBody = new WeakMap<http.ServerResponse, Broken>()
  /** POSTs stored at once and answered this many ms later. */
  private readonly lateAnswer = new WeakMap<http.ServerResponse, number>()

  /** The faults still to come; a test may add more while the server runs. */
  readonly list: Fault[]

  constructor(list: Fault[]) {
    this.list = list
  }

  /**
   * Uses up the next fault for this method, if any. True when the fault has answered already;
   * otherwise it shapes the answer `send` gives (after the deployment is stored).
   */
  async take(
    method: string,
    res: http.ServerResponse,
    requestId: string
  ): Promise<boolean> {
    const index = this.list.findIndex((f) => (f.on ?? 'post') === method)
    if (index < 0) return false
    const [fault] = this.list.splice(index, 1)
    if (fault.kind === 'delay') {
      if (method === 'post') this.lateAnswer.set(res, fault.ms)
      else await new Promise((r) => setTimeout(r, fault.ms).unref())
      return res.destroyed
    }
    if (fault.kind === 'status' && (fault.status < 300 || fault.stored)) {
      // A success with an odd status or body, or a failure after the write: the deployment is
      // stored, the answer replaced.
      this.statusOverride.set(res, fault.status)
      if (fault.body !== undefined) this.bodyOverride.set(res, fault.body)
      return false
    }
    if (fault.kind === 'reset-mid-body' || fault.kind === 'trickle') {
      this.brokenBody.set(res, fault.kind)
      return false
    }
    applyFault(fault, res, requestId)
    return true
  }

  /** Waits out a late answer after the store; false when the client has gone meanwhile. */
  async answerLate(res: http.ServerResponse): Promise<boolean> {
    const late = this.lateAnswer.get(res)
    if (late !== undefined)
      await new Promise((r) => setTimeout(r, late).unref())
    return !res.destroyed
  }

  /** Sends a JSON answer, as a fault taken for it says. */
  send(
    res: http.ServerResponse,
    status: number,
    json: unknown,
    requestId: string
  ): void {
    const text = this.bodyOverride.get(res) ?? JSON.stringify(json)
    const broken = this.brokenBody.get(res)
    res.writeHead(this.statusOverride.get(res) ?? status, {
      'Content-Type': 'application/json',
      'X-Request-Id': requestId,
      ...(broken ? { 'Content-Length': String(text.length + 1000) } : {})
    })
    if (broken === 'reset-mid-body') {
      res.write(text.slice(0, 10))
      setTimeout(() => res.socket?.destroy(), 10).unref()
    } else if (broken === 'trickle') trickle(res, text)
    else res.end(text)
  }
}

/** A byte every 500 ms, for up to 60 s. */
function trickle(res: http.ServerResponse, text: string): void {
  let sent = 0
  const timer = setInterval(() => {
    if (res.destroyed || sent >= 120) {
      clearInterval(timer)
      res.socket?.destroy()
      return
    }
    res.write(text.charAt(sent++ % text.length))
  }, 500)
  timer.unref()
}

function applyFault(
  fault: Exclude<Fault, { kind: 'delay' }>,
  res: http.ServerResponse,
  requestId: string
): void {
  switch (fault.kind) {
    case 'status':
      res.writeHead(fault.status, {
        'Content-Type': 'application/json',
        'X-Request-Id': requestId,
        ...fault.headers
      })
      res.end(
        fault.body ??
          JSON.stringify({
            message: http.STATUS_CODES[fault.status] ?? 'Error',
            requestId
          })
      )
      return
    case 'retry-after':
      res.writeHead(429, {
        'Content-Type': 'application/json',
        'Retry-After': fault.value,
        'X-Request-Id': requestId
      })
      res.end(JSON.stringify({ message: 'Too many requests' }))
      return
    case 'drop':
      res.socket?.destroy()
      return
  }
}
