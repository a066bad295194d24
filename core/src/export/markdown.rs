//! Markdown export: the published Koupleless and blobstore tables re-created row for row, then what the
//! published blobstore doc does not list.

use std::fmt::Write;

use crate::tables::{KOUPLELESS, REPORTERS, STATUS};
use crate::{Lang, Service};

/// Published order of the blobstore doc's sections.
const DOC_ORDER: [Service; 5] = [
    Service::Access,
    Service::Proxy,
    Service::Clustermgr,
    Service::BlobNode,
    Service::Scheduler,
];

struct Words {
    title: &'static str,
    level1: &'static str,
    level1_header: &'static str,
    level2: &'static str,
    level2_header: &'static str,
    blobstore: &'static str,
    status_header: &'static str,
    undocumented: &'static str,
    undocumented_header: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "# Error codes",
            level1: "### Level 1: Error Source",
            level1_header: "| Code | Meaning |",
            level2: "### Level 2: Error Type",
            level2_header: "| Business Type | Error Source | Error Type | Meaning | Solution |",
            blobstore: "## Blobstore status codes",
            status_header: "| Status Code | Error Message | Description |",
            undocumented: "### Not in the published doc",
            undocumented_header: "| Status Code | Service | Error Message | Versions | Retry |",
        },
        Lang::Zh => Words {
            title: "# 错误码",
            level1: "### 一级 错误来源",
            level1_header: "| 编码 | 含义 |",
            level2: "### 二级 错误类型",
            level2_header: "| 业务类型 | 错误来源 | 错误类型 | 含义 | 解决方案 |",
            blobstore: "## Blobstore 状态码",
            status_header: "| 状态码 | 错误信息 | 说明 |",
            undocumented: "### 文档未列出的状态码",
            undocumented_header: "| 状态码 | 服务 | 错误信息 | 版本 | 重试 |",
        },
    }
}

fn row(out: &mut String, cells: &[&str]) {
    writeln!(out, "| {} |", cells.join(" | ")).unwrap();
}

fn header(out: &mut String, header: &str) {
    let columns = header.matches('|').count() - 1;
    writeln!(out, "{header}\n|{}", " --- |".repeat(columns)).unwrap();
}

pub(crate) fn catalog(lang: Lang) -> String {
    let w = words(lang);
    let mut out = format!("{}\n", w.title);
    for r in &REPORTERS {
        writeln!(out, "## {}\n{}", r.heading.get(lang), w.level1).unwrap();
        header(&mut out, w.level1_header);
        for s in r.sources {
            row(&mut out, &[s.source.name(), s.description.get(lang)]);
        }
        writeln!(out, "{}", w.level2).unwrap();
        header(&mut out, w.level2_header);
        for e in KOUPLELESS.iter().filter(|e| e.reporter == r.reporter) {
            let sources: Vec<&str> = e.sources.iter().map(|s| s.name()).collect();
            let business = e.business_type_cell.unwrap_or(e.business_type.get(lang));
            row(
                &mut out,
                &[
                    business,
                    &sources.join(" / "),
                    e.error_type,
                    e.meaning.get(lang),
                    e.solution.get(lang),
                ],
            );
        }
    }
    writeln!(out, "{}", w.blobstore).unwrap();
    for service in DOC_ORDER {
        writeln!(out, "### {}", service.name()).unwrap();
        header(&mut out, w.status_header);
        for e in STATUS
            .iter()
            .filter(|e| e.service == service && e.documented)
        {
            let description = e.description.map_or("", |d| d.get(lang));
            row(&mut out, &[&e.code.to_string(), e.message, description]);
        }
    }
    writeln!(out, "{}", w.undocumented).unwrap();
    header(&mut out, w.undocumented_header);
    for e in STATUS.iter().filter(|e| !e.documented) {
        let message = if e.message.is_empty() {
            e.meaning(lang)
        } else {
            e.message
        };
        row(
            &mut out,
            &[
                &e.code.to_string(),
                e.service.name(),
                message,
                &e.versions.describe(),
                e.retry.name(),
            ],
        );
    }
    out
}
