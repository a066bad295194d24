package errcat

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// ClassifyOption says how an answer came: WithCommand, WithHTTPStatus, WithTunnel. (It takes and returns the
// options by value: through a pointer, each call's options would move to the heap.)
type ClassifyOption func(classifyOptions) classifyOptions

type classifyOptions struct {
	command, tunnel *string
	httpStatus      *int
}

// WithCommand is the Arklet command the answer is for (installBiz, uninstallBiz, queryAllBiz, ...; case is ignored).
func WithCommand(command string) ClassifyOption {
	return func(o classifyOptions) classifyOptions { o.command = &command; return o }
}

// WithHTTPStatus is the HTTP status of the answer (0 = not given).
func WithHTTPStatus(status int) ClassifyOption {
	return func(o classifyOptions) classifyOptions { o.httpStatus = &status; return o }
}

// WithTunnel is how the answer came: "http" (the default), "mqtt" (a bizOperation payload) or "client" (the
// text of an error ModuleController's own client returned).
func WithTunnel(tunnel string) ClassifyOption {
	return func(o classifyOptions) classifyOptions { o.tunnel = &tunnel; return o }
}

// Evidence is what a classification read from the answer.
type Evidence struct {
	Key         *string `json:"key"`     // a batch entry's URL or a biz's name:version
	Tunnel      string  `json:"tunnel"`  // http, mqtt or client
	Shape       string  `json:"shape"`   // text, empty, envelope, batch-entry, biz-record, ops-record
	Command     *string `json:"command"` // the Arklet command, when known
	HTTPStatus  *int    `json:"http_status"`
	Envelope    *string `json:"envelope"`  // the envelope's code (FAILED, CMD_PROCESS_INTERNAL_ERROR, ...)
	DataCode    *string `json:"data_code"` // data.code (REPEAT_BIZ, NOT_FOUND_BIZ, ...)
	Message     *string `json:"message"`
	DataMessage *string `json:"data_message"`
	State       *string `json:"state"`
	Reason      *string `json:"reason"`
	Error       *string `json:"error"`     // the text after "Internal Error: "
	Exception   *string `json:"exception"` // its exception class
	// ExceptionMessage is that exception's message.
	ExceptionMessage *string           `json:"exception_message"`
	Cause            *string           `json:"cause"` // the deepest "Caused by:" class
	CauseMessage     *string           `json:"cause_message"`
	CauseOrigin      *string           `json:"cause_origin"` // framework, user, platform or unknown
	CauseFrame       *string           `json:"cause_frame"`
	Causes           int               `json:"causes"`
	Frames           int               `json:"frames"`
	Placeholders     map[string]string `json:"placeholders"` // bizName, bizVersion, ... from the rule's pattern
}

// Classification says which two-level code a real Arklet or ModuleController answer means. A ModuleController
// callback can put Code (and Entry.Koupleless.Meaning) into a container's status.
type Classification struct {
	Outcome   string   `json:"outcome"` // "success" or "error"
	Code      string   `json:"-"`       // the two-level code; "" for a success
	Entry     *Entry   `json:"-"`       // the code's entry, as Lookup answers it; nil for a success
	Reporter  *string  `json:"reporter"`
	Rule      string   `json:"rule"` // the rule of catalog/koupleless-wire.toml that decided
	Why       string   `json:"why"`
	Retryable *bool    `json:"retryable"`
	Evidence  Evidence `json:"evidence"`
	// Results holds one classification per entry of a batch (batchInstallBiz) or list (queryAllBiz) answer.
	Results []ClassifiedItem `json:"-"`
	// Deprecated: ClassifyArklet no longer fills JSON (writing that text cost more than the classification);
	// ClassifyArkletJSON answers it.
	JSON string `json:"-"`
}

// ClassifiedItem is one entry of a batch or list answer: its classification, or why it has none.
type ClassifiedItem struct {
	Key            string
	Classification *Classification // nil when Err is set
	Err            error           // an entry no rule classifies
}

// classified is a classification as the library answers it: the JSON object plus the answer ids of its codes.
type classified struct {
	Classification
	CodeText *string           `json:"code"`
	Answer   *int              `json:"answer"`
	Key      *string           `json:"key"`
	Error    *json.RawMessage  `json:"error"`
	Items    []json.RawMessage `json:"results"`
}

func (c *classified) finish(t *table, raw json.RawMessage) (*Classification, error) {
	out := c.Classification
	out.JSON = string(raw)
	if c.CodeText != nil {
		out.Code = *c.CodeText
	}
	if c.Answer != nil {
		e, err := t.answer(*c.Answer)
		if err != nil {
			return nil, err
		}
		entry := *e // the caller's copy: the table's answers are shared
		out.Entry = &entry
	}
	for _, item := range c.Items {
		var ci classified
		if err := json.Unmarshal(item, &ci); err != nil {
			return nil, err
		}
		result := ClassifiedItem{}
		if ci.Key != nil {
			result.Key = *ci.Key
		}
		if ci.Outcome == "unclassified" {
			var e struct{ Kind, Message string }
			_ = json.Unmarshal(*ci.Error, &e)
			result.Err = &Error{Kind: kindOf(e.Kind), Message: e.Message}
		} else if result.Classification, result.Err = ci.finish(t, item); result.Err != nil {
			return nil, result.Err
		}
		out.Results = append(out.Results, result)
	}
	return &out, nil
}

func kindOf(name string) Kind {
	for k, n := range kindNames {
		if n == name {
			return k
		}
	}
	return KindInternal
}

func classifyOpts(opts []ClassifyOption) classifyOptions {
	var o classifyOptions
	for _, opt := range opts {
		if opt != nil {
			o = opt(o)
		}
	}
	return o
}

// classifyArgs are the arguments of the classify operations as JSON carries them, the last asking for each code's
// entry in the answer (enrich reads no fifth argument).
func classifyArgs(body []byte, o classifyOptions) []any {
	return []any{map[string]string{"bytes": base64.StdEncoding.EncodeToString(body)}, o.command, o.httpStatus, o.tunnel, true}
}

// cSafe reports whether the options cross as C arguments unchanged: names without a NUL, a status that fits an
// int32. Any other goes through the JSON call, so that the library judges it as every binding's.
func (o classifyOptions) cSafe() bool {
	noNUL := func(s *string) bool { return s == nil || strings.IndexByte(*s, 0) < 0 }
	return noNUL(o.command) && noNUL(o.tunnel) &&
		(o.httpStatus == nil || *o.httpStatus == int(int32(*o.httpStatus)))
}

// ClassifyArklet says which code a real answer means: body exactly as received (an Arklet HTTP body, an MQTT
// bizOperation payload, or a ModuleController client error's text, per WithTunnel). A well-formed answer no rule
// knows is ErrNotFound; input that is not an answer (not JSON, not UTF-8, over 16 MiB) ErrInvalidArgument.
//
// The classification is read from the library's packed flat answer (flat.go); its JSON text, which costs more
// than the classification itself, is ClassifyArkletJSON's.
func ClassifyArklet(body []byte, opts ...ClassifyOption) (*Classification, error) {
	t := answers()
	if t.err != nil {
		return nil, t.err
	}
	o := classifyOpts(opts)
	if !o.cSafe() {
		return classifyViaJSON(t, body, o)
	}
	status := int32(0)
	if o.httpStatus != nil {
		status = int32(*o.httpStatus)
	}
	var c *Classification
	var readErr error
	err := classifyPacked(body, o.command, o.tunnel, status, func(text string, shape []uint16) {
		f := newFlatReader(text, shape)
		c = &f.store.c
		_, readErr = f.classification(t, c)
		if readErr == nil && (f.bad || f.at != len(f.shape)) {
			readErr = &Error{Kind: KindInternal, Message: "a packed classification errcat cannot read (a bug)"}
		}
	})
	if err == nil {
		err = readErr
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ClassifyArkletJSON is the classification of ClassifyArklet as the JSON object `errcat classify --json` prints
// (with each code's catalog entry). Errors as for ClassifyArklet.
func ClassifyArkletJSON(body []byte, opts ...ClassifyOption) (string, error) {
	raw, err := classifyJSON(body, classifyOpts(opts))
	return string(raw), err
}

func classifyJSON(body []byte, o classifyOptions) (json.RawMessage, error) {
	var raw json.RawMessage
	err := call(&raw, "classify", classifyArgs(body, o)...)
	return raw, err
}

// classifyViaJSON classifies through the JSON call: for options a C string or an int32 cannot carry.
func classifyViaJSON(t *table, body []byte, o classifyOptions) (*Classification, error) {
	raw, err := classifyJSON(body, o)
	if err != nil {
		return nil, err
	}
	var c classified
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, &Error{Kind: KindInternal, Message: "a classification errcat cannot read: " + err.Error()}
	}
	return c.finish(t, raw)
}

// EnrichArklet returns the answer with the errorCode of its classification added, every other byte kept
// (ModuleController's decoder ignores the new member).
func EnrichArklet(body []byte, opts ...ClassifyOption) ([]byte, error) {
	var text string
	err := call(&text, "enrich", classifyArgs(body, classifyOpts(opts))...)
	return []byte(text), err
}
