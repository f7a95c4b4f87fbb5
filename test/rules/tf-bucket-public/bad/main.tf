resource "aws_s3_bucket" "portal_uploads" {
  bucket = "clinic-portal-uploads"
  acl    = "public-read" # expect: tf-bucket-public
}

resource "aws_s3_bucket" "phi_exports" { # expect: tf-bucket-public
  bucket = "clinic-phi-exports"
}

resource "aws_s3_bucket_acl" "phi_exports" {
  bucket = aws_s3_bucket.phi_exports.id
  acl    = var.exports_acl # expect: tf-bucket-public
}

variable "exports_acl" {
  type    = string
  default = "public-read-write"
}

resource "aws_s3_bucket" "reports" {
  bucket = "clinic-reports"
}

resource "aws_s3_bucket_acl" "reports" {
  bucket = aws_s3_bucket.reports.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers" # expect: tf-bucket-public
      }
      permission = "READ"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket                  = aws_s3_bucket.reports.id
  block_public_acls       = false # expect: tf-bucket-public
  block_public_policy     = true
  ignore_public_acls      = false # expect: tf-bucket-public
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = jsonencode({ # expect: tf-bucket-public
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.reports.arn}/*"
    }]
  })
}

data "aws_iam_policy_document" "open" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.portal_uploads.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "portal_uploads" {
  bucket = aws_s3_bucket.portal_uploads.id
  policy = data.aws_iam_policy_document.open.json # expect: tf-bucket-public
}

module "imaging" {
  source                  = "terraform-aws-modules/s3-bucket/aws"
  bucket                  = "clinic-imaging"
  acl                     = "public-read" # expect: tf-bucket-public
  restrict_public_buckets = false # expect: tf-bucket-public
}
