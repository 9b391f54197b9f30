import { describe, expect, it } from "vitest";
import { commentPermissions } from "./comment-permissions.ts";

const ada = "00000000-0000-4000-8000-00000000000a";
const bob = "00000000-0000-4000-8000-00000000000b";

describe("commentPermissions", () => {
  it("lets the author edit and delete, whatever their role", () => {
    expect(commentPermissions({ authorId: ada }, ada, "member")).toEqual({ edit: true, delete: true });
  });

  it("lets admins and owners delete another's comment but never edit it", () => {
    expect(commentPermissions({ authorId: bob }, ada, "admin")).toEqual({ edit: false, delete: true });
    expect(commentPermissions({ authorId: bob }, ada, "owner")).toEqual({ edit: false, delete: true });
  });

  it("offers a member nothing on another's comment, nor on a former member's", () => {
    expect(commentPermissions({ authorId: bob }, ada, "member")).toEqual({ edit: false, delete: false });
    expect(commentPermissions({ authorId: null }, ada, "member")).toEqual({ edit: false, delete: false });
  });

  it("offers nothing while the caller is not known yet", () => {
    expect(commentPermissions({ authorId: ada }, undefined, undefined)).toEqual({
      edit: false,
      delete: false,
    });
  });
});
