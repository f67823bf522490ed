import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Breakable, softBreaks } from "@/app/_components/SoftBreaks";

const html = (node: ReturnType<typeof softBreaks>) => renderToStaticMarkup(createElement("p", null, node));

describe("softBreaks: where long identifiers may wrap", () => {
  it("breaks a long ARN after each run of separators, and leaves the text itself unchanged", () => {
    const out = html(softBreaks("arn:aws:iam::111122223333:role/billing-dynamodb-reader"));
    expect(out).toBe("<p>arn:<wbr/>aws:<wbr/>iam::<wbr/>111122223333:<wbr/>role/<wbr/>billing-dynamodb-reader</p>");
    expect(out.replace(/<wbr\/>/g, "")).toBe("<p>arn:aws:iam::111122223333:role/billing-dynamodb-reader</p>");
  });

  it("keeps https:// whole, adds nothing after a trailing dot, and leaves short words and prose alone", () => {
    expect(html(softBreaks("See https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE."))).toBe(
      "<p>See https://<wbr/>oidc.<wbr/>eks.<wbr/>us-east-1.<wbr/>amazonaws.<wbr/>com/<wbr/>id/<wbr/>EXAMPLE.</p>",
    );
    expect(softBreaks("The pod is fine: a.b")).toBe("The pod is fine: a.b");
  });

  it("breaks env names at _ and =", () => {
    expect(html(softBreaks("AWS_STS_REGIONAL_ENDPOINTS=regional"))).toBe("<p>AWS_<wbr/>STS_<wbr/>REGIONAL_<wbr/>ENDPOINTS=<wbr/>regional</p>");
  });

  it("splits CamelCase only when asked (narrow labels), never hyphenating", () => {
    expect(softBreaks("AssumeRoleWithWebIdentity request")).toBe("AssumeRoleWithWebIdentity request");
    expect(html(softBreaks("AssumeRoleWithWebIdentity request", { camel: true }))).toBe("<p>Assume<wbr/>Role<wbr/>With<wbr/>Web<wbr/>Identity request</p>");
  });

  it("Breakable (the projector's) breaks short words at their separators too", () => {
    expect(html(createElement(Breakable, { text: "a.example.org" }))).toBe("<p>a.<wbr/>example.<wbr/>org</p>");
    expect(html(softBreaks("a.example.org"))).toBe("<p>a.example.org</p>");
  });
});
