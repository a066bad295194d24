package errcat_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"errcat.dev/errcat"
)

func ExampleLookup() {
	e, err := errcat.Lookup("Arklet.InstallBizFailed")
	if err != nil {
		panic(err)
	}
	fmt.Println(e.Code, "=", e.Koupleless.Meaning.En)
	fmt.Println("retry:", e.Retryable())
	// Output:
	// Arklet.InstallBizFailed = New module installation failed during module installation
	// retry: false
}

func ExampleLookup_alias() {
	e, _ := errcat.Lookup("ModuleController.ResourceConstrained")
	fmt.Println(e.Code, "via alias", e.Alias)
	// Output: ModuleController.ResourceConstraned via alias ResourceConstrained
}

func ExampleLookup_notFound() {
	_, err := errcat.Lookup("Arklet.InstallBizFailes")
	var e *errcat.Error
	if errors.Is(err, errcat.ErrNotFound) && errors.As(err, &e) {
		fmt.Println("did you mean", e.Suggestions[0])
	}
	// Output: did you mean Arklet.InstallBizFailed
}

func ExampleStatus() {
	old, _ := errcat.Status(552, errcat.WithVersion("v3.5.0"))
	fmt.Println(old.Blobstore.Message, old.Valid)
	now, _ := errcat.Status(552) // the newest version: 552 moved to 429
	fmt.Println(now.Valid, "now", now.Blobstore.RenumberedTo)
	// Output:
	// access limited true
	// false now 429
}

func ExampleServiceOf() {
	service, _ := errcat.ServiceOf(640) // not in the catalog: BlobNode by its range
	fmt.Println(service)
	// Output: BlobNode
}

func ExampleParse() {
	c, err := errcat.Parse("Arklet.InstallBizFailed")
	fmt.Println(c.Source, c.Type, err)
	_, err = errcat.Parse("arklet.installBizFailed")
	fmt.Println(errors.Is(err, errcat.ErrInvalidCode))
	// Output:
	// Arklet InstallBizFailed <nil>
	// true
}

func ExampleCompose() {
	c, _ := errcat.Compose("User", "DiskFull")
	fmt.Println(c)
	// Output: User.DiskFull
}

func ExampleEntries() {
	arklet, _ := errcat.Entries(errcat.Filter{Reporter: "Arklet"})
	fmt.Println(len(arklet), arklet[0].Key)
	// Output: 18 Arklet/UnknownError
}

func ExampleErrorValue_ProblemJSON() {
	v := &errcat.ErrorValue{Code: "Arklet.InstallBizFailed", Detail: "install biz demo:1.0.0 failed"}
	text, _ := v.ProblemJSON()
	fmt.Println(text)
	// Output: {"type":"urn:errcat:koupleless:Arklet.InstallBizFailed","title":"New module installation failed during module installation","detail":"install biz demo:1.0.0 failed","code":"Arklet.InstallBizFailed","reporter":"Arklet","retryable":false,"solution":"Please check"}
}

func ExampleExport() {
	md, _ := errcat.Export(errcat.FormatMarkdown, "zh")
	fmt.Println(len(md) > 0)
	// Output: true
}

// A ModuleController callback turns what Arklet answered into a two-level code for the container's status.
func ExampleClassifyArklet() {
	body := []byte(`{"code":"FAILED","message":"install biz not success!",` +
		`"data":{"code":"REPEAT_BIZ","message":"Biz: demo:1.0.0 has been installed or registered."}}`)
	c, err := errcat.ClassifyArklet(body, errcat.WithCommand("installBiz"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Code, c.Rule, c.Evidence.Placeholders["bizName"], *c.Retryable)
	fmt.Println(c.Entry.Koupleless.Meaning.En)
	// Output:
	// Arklet.InstallationRequirementNotMet biz.repeat demo false
	// Module installation conditions are not met
}

// The same classification as the JSON object `errcat classify --json` prints, for a log line or an API response.
func ExampleClassifyArkletJSON() {
	body := []byte(`{"code":"FAILED","message":"install biz not success!",` +
		`"data":{"code":"REPEAT_BIZ","message":"Biz: demo:1.0.0 has been installed or registered."}}`)
	text, err := errcat.ClassifyArkletJSON(body, errcat.WithCommand("installBiz"))
	if err != nil {
		fmt.Println(err)
		return
	}
	var doc struct{ Code, Rule string }
	_ = json.Unmarshal([]byte(text), &doc)
	fmt.Println(doc.Code, doc.Rule)
	// Output: Arklet.InstallationRequirementNotMet biz.repeat
}
