import { expect, test, type Page } from "@playwright/test";

/** The self-paced lab, driven as a student would: click, type, see the simulator's verdict change. */
test.describe("lab", () => {
  test.use({ viewport: { width: 360, height: 640 } });

  const go = async (page: Page, path: string) => {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
  };

  test("index and scenario picker keep the story in the URL", async ({ page }) => {
    await go(page, "/lab");
    await page.getByRole("link", { name: /report job writes to S3/ }).click();
    await expect(page).toHaveURL(/scenario=report/);
    await page.getByRole("link", { name: /3\. Configuration validation chain/ }).click();
    await expect(page).toHaveURL(/\/lab\/chain\?scenario=report/);
    await expect(page.getByLabel("sub value")).toHaveValue("system:serviceaccount:reports:report-job");
  });

  test("0: approaches reveal why, with the simulator's evidence", async ({ page }) => {
    await go(page, "/lab/why");
    await page.getByRole("button", { name: /node's EC2 instance role/ }).click();
    await expect(page.getByTestId("evidence-node-role")).toContainText("assumed-role/eks-node-role/");
    await expect(page.getByTestId("evidence-node-role")).toContainText("Critical");
    await page.getByRole("button", { name: /IRSA — IAM Roles/ }).click();
    await expect(page.getByTestId("evidence-irsa")).toContainText("No security finding");
  });

  test("1: clicking a pod shows what it can reach before and after", async ({ page }) => {
    await go(page, "/lab/node-role");
    await page.getByRole("group", { name: "Pods on the node (before)" }).getByRole("button", { name: /frontend/ }).click();
    await expect(page.getByTestId("before-ddb-delete")).toHaveAttribute("data-allowed", "true");
    await expect(page.getByTestId("after-ddb-delete")).toHaveAttribute("data-allowed", "false");
    await expect(page.getByTestId("after-s3-assets-get")).toHaveAttribute("data-allowed", "true");
  });

  test("2: inputs update eksctl live; apply and the challenge are checked by the simulator", async ({ page }) => {
    await go(page, "/lab/setup");
    await page.getByLabel("Namespace").fill("team-a");
    await expect(page.getByRole("tabpanel")).toContainText("--namespace team-a");
    await page.getByRole("tab", { name: "Trust policy JSON" }).click();
    await expect(page.getByRole("tabpanel")).toContainText("system:serviceaccount:team-a:billing-svc");
    await page.getByRole("button", { name: "Apply to cluster" }).click();
    await expect(page.getByText("Flow succeeds", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Check my setup" }).click();
    await expect(page.getByTestId("challenge-result")).toContainText("Not yet");
    await page.getByLabel("Namespace").fill("payments");
    await page.getByRole("button", { name: "Check my setup" }).click();
    await expect(page.getByTestId("challenge-result")).toContainText("Challenge passed");
  });

  test("3: typing a namespace typo breaks the trust link with the exact AWS error", async ({ page }) => {
    await go(page, "/lab/chain");
    await expect(page.getByTestId("link-trust-sa")).toHaveAttribute("data-status", "ok");
    await page.getByLabel("sub value").fill("system:serviceaccount:payment:billing-svc");
    await expect(page.getByTestId("link-trust-sa")).toHaveAttribute("data-status", "fail");
    await expect(page.getByTestId("chain-error")).toHaveText("AccessDenied (HTTP 403): Not authorized to perform sts:AssumeRoleWithWebIdentity");
    await page.getByTestId("link-trust-sa").click();
    await expect(page.locator("[data-highlighted=true]").first()).toBeVisible();
    await page.getByLabel("Load a common breakage").selectOption("no-provider");
    await expect(page.getByTestId("link-provider-trust")).toHaveAttribute("data-status", "fail");
    await expect(page.getByTestId("chain-error")).toContainText("No OpenIDConnect provider found in your account");
    await page.getByRole("button", { name: "Reset" }).click();
    await expect(page.getByTestId("chain-verdict")).toContainText("The chain holds");
  });

  test("4: Step ▶ walks the nine steps; a preset fails where the simulator says", async ({ page }) => {
    await go(page, "/lab/token-flow");
    await page.getByRole("button", { name: "Step ▶" }).click();
    await expect(page.getByTestId("flow-step-1")).toHaveAttribute("data-status", "ok");
    await expect(page.getByTestId("flow-details")).toContainText("AWS_ROLE_ARN");
    await page.getByLabel("Scenario for the run").selectOption("sub-typo");
    // The run ends at the failing step: ▶ Step is spent after six presses, not nine.
    for (let i = 0; i < 6; i++) await page.getByRole("button", { name: "Step ▶" }).click();
    await expect(page.getByRole("button", { name: "Step ▶" })).toBeDisabled();
    await expect(page.getByTestId("flow-step-6")).toHaveAttribute("data-status", "fail");
    await expect(page.getByTestId("flow-outcome")).toContainText("Failed at step 6");
    await expect(page.getByTestId("flow-outcome")).toContainText("steps 7–9 are never reached");
    // The details stay on the failure, with AWS's exact error; the later steps are only "Not reached".
    await expect(page.getByTestId("flow-details")).toContainText("Step 6: Check trust policy");
    await expect(page.getByTestId("flow-details-error")).toHaveText("AccessDenied (HTTP 403): Not authorized to perform sts:AssumeRoleWithWebIdentity");
    for (const n of [7, 8, 9]) {
      await expect(page.getByTestId(`flow-step-${n}`)).toHaveAttribute("data-status", "not-reached");
      await expect(page.getByTestId(`flow-step-${n}`)).toContainText("Not reached");
    }
    await expect(page.getByTestId("flow-step-9")).toBeDisabled();
    await page.getByTestId("flow-step-9").click({ force: true });
    await expect(page.getByTestId("flow-details")).toContainText("Step 6");
    await expect(page.getByText("Skipped: step 6 failed")).toHaveCount(0);

    // Auto-play stops at the failure as well.
    await page.getByLabel("Scenario for the run").selectOption("private-subnet");
    await page.getByRole("button", { name: "▶▶ Auto-play" }).click();
    await expect(page.getByTestId("flow-outcome")).toContainText("Failed at step 4", { timeout: 20_000 });
    await expect(page.getByRole("button", { name: "▶▶ Auto-play" })).toBeVisible();
    await expect(page.getByTestId("flow-details")).toContainText("Step 4");
    await expect(page.getByTestId("flow-step-5")).toHaveAttribute("data-status", "not-reached");
  });

  test("5: editing sub breaks the match; predict-then-verify reveals the answer", async ({ page }) => {
    await go(page, "/lab/jwt");
    await expect(page.getByTestId("jwt-trust")).toContainText("Match");
    await page.getByLabel("sub (subject)").fill("system:serviceaccount:paymentz:billing-svc");
    await expect(page.getByTestId("jwt-trust")).toContainText("No match");
    await page.getByRole("button", { name: "Show the changed token" }).click();
    await page.getByRole("button", { name: "✗ No match" }).click();
    await page.getByRole("button", { name: "Reveal" }).click();
    await expect(page.getByTestId("predict-result")).toContainText("You predicted right");
  });

  test("6: one click per pitfall; score and streak follow the server's verdict", async ({ page }) => {
    await go(page, "/lab/pitfalls");
    await page.getByRole("group", { name: "Root causes" }).getByRole("button").first().click();
    await expect(page.getByTestId("pitfall-result")).toBeVisible();
    await expect(page.getByRole("group", { name: "Root causes" }).getByRole("button").first()).toBeDisabled();
    await expect(page.getByTestId("pitfall-score")).toContainText("/ 1");
    await page.getByRole("button", { name: "Next scenario →" }).click();
    await expect(page.getByTestId("pitfall-score")).toContainText("Scenario 2");
  });

  test("6: after the last scenario the game says the learner has played them all, then starts again", async ({ page }) => {
    test.setTimeout(120_000);
    await go(page, "/lab/pitfalls");
    const total = Number(/of (\d+)/.exec((await page.getByTestId("pitfall-score").textContent()) ?? "")?.[1]);
    expect(total).toBeGreaterThan(1);
    for (let k = 1; k < total; k++) {
      await page.getByRole("group", { name: "Root causes" }).getByRole("button").first().click();
      await expect(page.getByTestId("pitfall-lap-done")).toHaveCount(0);
      await page.getByRole("button", { name: "Next scenario →" }).click();
    }
    await expect(page.getByTestId("pitfall-score")).toContainText(`Scenario ${total} of ${total}`);
    await page.getByRole("group", { name: "Root causes" }).getByRole("button").first().click();
    await expect(page.getByTestId("pitfall-lap-done")).toContainText(`That was the last of the ${total} scenarios`);
    await expect(page.getByTestId("pitfall-lap-done")).toContainText(`/ ${total}`);
    await page.getByRole("button", { name: "Play them again from scenario 1 →" }).click();
    await expect(page.getByTestId("pitfall-score")).toContainText(`Scenario 1 of ${total}`);
  });

  test("7: the reference quotes the simulator's errors and has copy buttons", async ({ page }) => {
    await go(page, "/reference");
    await expect(page.getByTestId("ref-error-audience")).toContainText("Incorrect token audience");
    await expect(page.getByRole("button", { name: "Copy kubectl" })).toBeVisible();
  });
});
