package errcat

// Every call into the C library is in this file: the answer table (once), the library version, and errcat_call,
// which runs any operation by name with its arguments as JSON through the same dispatcher every errcat binding
// uses. The C helper takes the thread's last error in the same cgo call: a goroutine may move to another OS thread
// between two cgo calls, and errcat's last error is per thread.

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
*/
import "C"

import (
	"encoding/base64"
	"encoding/json"
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
