package errcat

// Every call into the C library is in this file: the answer table (once), the library version, errcat_call,
// which runs any operation by name with its arguments as JSON through the same dispatcher every errcat binding
// uses, and errcat_classify_packed, the classification Go reads itself (flat.go). Each C helper takes the
// thread's last error in the same cgo call: a goroutine may move to another OS thread between two cgo calls, and
// errcat's last error is per thread.

/*
#include <stdlib.h>
#include <errcat.h>

typedef struct { errcat_status status; char *out; char *err; } go_call_result;

static go_call_result go_call(const char *op, const char *args) {
	go_call_result r = {0, NULL, NULL};
	r.status = errcat_call(op, args, &r.out);
	if (r.status != ERRCAT_OK) r.err = errcat_last_error_json();
	return r;
}

typedef struct { errcat_status status; errcat_packed out; char *err; } go_packed_result;

static go_packed_result go_classify_packed(const char *body, size_t len, const char *command, int32_t http_status,
                                           const char *tunnel) {
	go_packed_result r;
	r.err = NULL;
	r.status = errcat_classify_packed(body, len, command, http_status, tunnel, &r.out);
	if (r.status != ERRCAT_OK) r.err = errcat_last_error_json();
	return r;
}

// By value, so that the Go copy it frees stays on the goroutine's stack (a pointer to it would move it to the heap).
static void go_packed_free(errcat_packed p) { errcat_packed_free(&p); }
*/
import "C"

import (
	"encoding/base64"
	"encoding/json"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// takeString converts a string errcat allocated for the caller and frees it.
func takeString(s *C.char) string {
	if s == nil {
		return ""
	}
	defer C.errcat_string_free(s)
	return C.GoString(s)
}

// failure converts the last error errcat handed over with a failed status.
func failure(status C.errcat_status, errJSON *C.char) error {
	var e struct {
		Message     string   `json:"message"`
		Suggestions []string `json:"suggestions"`
		Candidates  []string `json:"candidates"`
	}
	if text := takeString(errJSON); text == "" || json.Unmarshal([]byte(text), &e) != nil {
		e.Message = "no error message"
	}
	return &Error{Kind: Kind(status), Message: e.Message, Suggestions: e.Suggestions, Candidates: e.Candidates}
}

// call runs operation op with args (encoded as a JSON array; nil is "not given") and decodes the answer into out.
func call(out any, op string, args ...any) error {
	encoded, err := json.Marshal(textSafe(args))
	if err != nil {
		return invalidArgument("cannot encode the arguments of %s: %v", op, err)
	}
	cOp, cArgs := C.CString(op), C.CString(string(encoded))
	defer C.free(unsafe.Pointer(cOp))
	defer C.free(unsafe.Pointer(cArgs))
	r := C.go_call(cOp, cArgs)
	if r.status != C.ERRCAT_OK {
		return failure(r.status, r.err)
	}
	answer := takeString(r.out)
	if err := json.Unmarshal([]byte(answer), out); err != nil {
		return &Error{Kind: KindInternal, Message: "errcat answered " + answer + " to " + op + ": " + err.Error()}
	}
	return nil
}

// classifyPacked runs errcat_classify_packed and has `read` read the answer: the body passed as it is (C only reads
// it during the call), the answer's text copied out, its shape read in place before it is freed. The caller has
// checked that command and tunnel hold no NUL (nil: not given).
func classifyPacked(body []byte, command, tunnel *string, httpStatus int32, read func(text string, shape []uint16)) error {
	var cBody *C.char
	if len(body) > 0 {
		cBody = (*C.char)(unsafe.Pointer(&body[0]))
	}
	cCommand, freeCommand := cName(command)
	cTunnel, freeTunnel := cName(tunnel)
	if freeCommand {
		defer C.free(unsafe.Pointer(cCommand))
	}
	if freeTunnel {
		defer C.free(unsafe.Pointer(cTunnel))
	}
	r := C.go_classify_packed(cBody, C.size_t(len(body)), cCommand, C.int32_t(httpStatus), cTunnel)
	if r.status != C.ERRCAT_OK {
		return failure(r.status, r.err)
	}
	defer C.go_packed_free(r.out)
	read(C.GoStringN(r.out.text, C.int(r.out.text_len)), unsafe.Slice((*uint16)(unsafe.Pointer(r.out.shape)), int(r.out.shape_len)))
	return nil
}

// cNames holds the C strings of the first names classifyPacked was given (Arklet's commands, the tunnels: a
// few), kept for the life of the process so that a classification allocates none; copied on write.
var cNames atomic.Pointer[map[string]*C.char]

const maxCNames = 64

// cName is s as a C string (nil for nil), and whether the caller frees it (a name beyond the first maxCNames).
func cName(s *string) (*C.char, bool) {
	if s == nil {
		return nil, false
	}
	old := cNames.Load()
	if old != nil {
		if p, ok := (*old)[*s]; ok {
			return p, false
		}
		if len(*old) >= maxCNames {
			return C.CString(*s), true
		}
	}
	p := C.CString(*s)
	next := make(map[string]*C.char, 8)
	if old != nil {
		for k, v := range *old {
			next[k] = v
		}
	}
	next[*s] = p
	if !cNames.CompareAndSwap(old, &next) {
		return p, true // another goroutine added a name meanwhile: this one is the caller's
	}
	return p, false
}

// answerTableText is the library's answer table (static in the library).
func answerTableText() string { return C.GoString(C.errcat_answer_table()) }

func cVersion() string { return C.GoString(C.errcat_version()) }

// textSafe is v with every string that is not valid UTF-8 as {"bytes": base64}, so the library judges the bytes
// (encoding/json would quietly turn them into U+FFFD).
func textSafe(v any) any {
	switch v := v.(type) {
	case string:
		if !utf8.ValidString(v) {
			return map[string]string{"bytes": base64.StdEncoding.EncodeToString([]byte(v))}
		}
	case *string:
		if v != nil {
			return textSafe(*v)
		}
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = textSafe(item)
		}
		return out
	case [][]any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = textSafe(item)
		}
		return out
	}
	return v
}
